package io.cul8er.health;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.CheckResult.Passed;
import java.io.IOException;
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
    Optional<FailureReason> failure = connect(target.reach(), target.address(), port, timeout);
    return failure.isEmpty()
        ? new Passed(Failures.since(start))
        : new Failed("TCP connect to " + target.address() + ":" + port, failure.get(), Failures.since(start));
  }

  /** Connects and closes at once; why it failed, if it did. */
  static Optional<FailureReason> connect(Reach reach, String host, int port, Duration timeout) {
    try {
      reach.connect(host, port, timeout);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(Failures.of(e, timeout));
    }
  }

  @Override
  public String describe() {
    return "TCP connect to port " + port;
  }
}
