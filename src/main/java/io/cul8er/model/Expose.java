package io.cul8er.model;

/** Instance port {@code port} published on the host as {@code as}; {@code tls} for {@code :https}. */
public record Expose(int port, int as, Protocol protocol, SourcePos pos, ExposeTls tls) implements Positioned {

  /** Without TLS settings (for {@code :https}: the host's self-signed certificate). */
  public Expose(int port, int as, Protocol protocol, SourcePos pos) {
    this(port, as, protocol, pos, ExposeTls.NONE);
  }
}
