package io.cul8er.model;

/**
 * Instance port {@code port} published on the host as {@code as}; {@code balance} says how each
 * host's edge treats other hosts' instances of the service; {@code tls} for {@code :https};
 * {@code limits} what the edge allows its clients and instances.
 */
public record Expose(int port, int as, Protocol protocol, Balance balance, SourcePos pos, ExposeTls tls,
    EdgeLimits limits) implements Positioned {
  /** Balanced local first, the default, without TLS settings. */
  public Expose(int port, int as, Protocol protocol, SourcePos pos) {
    this(port, as, protocol, Balance.LOCAL_FIRST, pos, ExposeTls.NONE);
  }

  /** With the default limits. */
  public Expose(int port, int as, Protocol protocol, Balance balance, SourcePos pos, ExposeTls tls) {
    this(port, as, protocol, balance, pos, tls, EdgeLimits.DEFAULT);
  }

  /** Without TLS settings (for {@code :https}: the host's self-signed certificate). */
  public Expose(int port, int as, Protocol protocol, Balance balance, SourcePos pos) {
    this(port, as, protocol, balance, pos, ExposeTls.NONE);
  }
}
