package io.cul8er.incus.endpoint;

import java.util.Map;
import java.util.Optional;

/**
 * One call of the Incus REST API: everything needed to make the request and to decode its answer.
 * Endpoints are pure descriptions; the client ({@code IncusClient}) runs them, unwraps the
 * sync, async and error envelopes, and waits for operations.
 *
 * @param <T> what the call yields
 */
public interface IncusEndpoint<T> {

  String method();

  /** The path without query: {@code /1.0/instances/web-1}. */
  String path();

  /** How long the client waits for this call's operation, when not its usual operation timeout. */
  default Optional<java.time.Duration> operationTimeout() {
    return Optional.empty();
  }

  /**
   * Whether the client waits for the operation the call starts, and decodes the finished one; when
   * false, the call yields the running operation itself (an attached command, whose WebSockets must
   * be connected before it starts).
   */
  default boolean awaitsOperation() {
    return true;
  }

  /** Query parameters, in order; the client adds {@code project} itself. */
  default Map<String, String> query() {
    return Map.of();
  }

  default Map<String, String> headers() {
    return Map.of();
  }

  default Optional<Body> body() {
    return Optional.empty();
  }

  /** False for the few calls that are not about one project (server, projects). */
  default boolean projectScoped() {
    return true;
  }

  /** True when a successful answer is the raw content (files, logs), not a JSON envelope. */
  default boolean rawResponse() {
    return false;
  }

  /**
   * Whether the request may be sent again when its answer was lost (the daemon restarted while it
   * was on its way): by default POST may not, the other methods may.
   */
  default Resend resend() {
    return "POST".equals(method()) ? Resend.NEVER : Resend.ALWAYS;
  }

  /** What the call does, for error messages: {@code create instance web-1}. */
  String action();

  T decode(Reply reply);
}
