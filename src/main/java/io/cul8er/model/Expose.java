package io.cul8er.model;

/**
 * Instance port {@code port} published on the host as {@code as}; {@code balance} says how each
 * host's edge treats other hosts' instances of the service.
 */
public record Expose(int port, int as, Protocol protocol, Balance balance, SourcePos pos) implements Positioned {
  /** Balanced local first, the default. */
  public Expose(int port, int as, Protocol protocol, SourcePos pos) {
    this(port, as, protocol, Balance.LOCAL_FIRST, pos);
  }
}
