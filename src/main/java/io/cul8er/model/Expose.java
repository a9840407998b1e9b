package io.cul8er.model;

/**
 * Instance port {@code port} published on the host as {@code as}; {@code balance} says how each
 * host's edge treats other hosts' instances of the service; {@code tls} for {@code :https}.
 */
public record Expose(int port, int as, Protocol protocol, Balance balance, SourcePos pos, ExposeTls tls)
    implements Positioned {
  /** Balanced local first, the default, without TLS settings. */
  public Expose(int port, int as, Protocol protocol, SourcePos pos) {
    this(port, as, protocol, Balance.LOCAL_FIRST, pos, ExposeTls.NONE);
  }

  /** Without TLS settings (for {@code :https}: the host's self-signed certificate). */
  public Expose(int port, int as, Protocol protocol, Balance balance, SourcePos pos) {
    this(port, as, protocol, balance, pos, ExposeTls.NONE);
  }
}
