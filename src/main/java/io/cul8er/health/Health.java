package io.cul8er.health;

import io.cul8er.model.HealthCheck;
import java.util.List;
import java.util.OptionalInt;

/** Factories for {@link Check}s, in the manner of testcontainers' {@code Wait}. */
public final class Health {
  private Health() {}

  /**
   * {@code GET endpoint} must answer {@code expectStatus}. An endpoint on {@code localhost} means
   * the instance itself: the request goes to the instance's address, same port and path.
   */
  public static Check http(String endpoint, int expectStatus) {
    return new HttpCheck(endpoint, OptionalInt.of(expectStatus));
  }

  /** {@code GET endpoint} must answer any 2xx status. */
  public static Check http(String endpoint) {
    return new HttpCheck(endpoint, OptionalInt.empty());
  }

  /** The instance must accept a TCP connection on {@code port}. */
  public static Check tcp(int port) {
    return new TcpCheck(port);
  }

  /** {@code sh -c command}, run inside the instance, must exit 0. */
  public static Check command(String command) {
    return new CommandCheck(command);
  }

  /** All of {@code checks} must pass, tried in order within one timeout. */
  public static Check allOf(Check... checks) {
    return new AllOfCheck(List.of(checks));
  }

  /** The check a DSL {@code healthcheck} block describes. */
  public static Check of(HealthCheck.Probe probe) {
    if (probe instanceof HealthCheck.Probe.Http http) {
      return http(http.endpoint(), http.expectStatus());
    }
    if (probe instanceof HealthCheck.Probe.Tcp tcp) {
      return tcp(tcp.port());
    }
    return command(((HealthCheck.Probe.Command) probe).command());
  }
}
