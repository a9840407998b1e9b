package io.cul8er.health;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.CheckResult.Passed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/** A TCP connection to the instance's address on {@code port} must be accepted. */
final class TcpCheck implements Check {
  private final int port;

  TcpCheck(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("health check port " + port + " is not a TCP port (1-65535)");
    }
    this.port = port;
  }

  @Override
  public CheckResult attempt(Target target, Duration timeout) {
    long start = System.nanoTime();
    Optional<FailureReason> failure = connect(target.address(), port, timeout);
    return failure.isEmpty()
        ? new Passed(Failures.since(start))
        : new Failed("TCP connect to " + target.address() + ":" + port, failure.get(), Failures.since(start));
  }

  /** Connects and closes at once; why it failed, if it did. */
  static Optional<FailureReason> connect(String host, int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis(timeout));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(Failures.of(e, timeout));
    }
  }

  /** At least 1 ms: 0 would mean no timeout at all to {@link Socket#connect}. */
  private static int timeoutMillis(Duration timeout) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }

  @Override
  public String describe() {
    return "TCP connect to port " + port;
  }
}
