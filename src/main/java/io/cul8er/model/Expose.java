package io.cul8er.model;

import java.util.List;

/**
 * Instance port {@code port} published on the host as {@code as}; {@code balance} says how each
 * host's edge treats other hosts' instances of the service; {@code tls} for {@code :https};
 * {@code domains}, the host names the port answers on the edge (empty: every name, and the port is
 * the topology's alone on each host; see {@link DomainNames}); {@code limits} what the edge allows
 * its clients and instances.
 */
public record Expose(int port, int as, Protocol protocol, Balance balance, SourcePos pos, ExposeTls tls,
    List<String> domains, EdgeLimits limits) implements Positioned {
  public Expose {
    domains = List.copyOf(domains);
  }

  /** Balanced local first, the default, without TLS settings. */
  public Expose(int port, int as, Protocol protocol, SourcePos pos) {
    this(port, as, protocol, Balance.LOCAL_FIRST, pos, ExposeTls.NONE);
  }

  /** Without TLS settings (for {@code :https}: the host's self-signed certificate). */
  public Expose(int port, int as, Protocol protocol, Balance balance, SourcePos pos) {
    this(port, as, protocol, balance, pos, ExposeTls.NONE);
  }

  /** Without domains (every name, the port the topology's alone), with the default limits. */
  public Expose(int port, int as, Protocol protocol, Balance balance, SourcePos pos, ExposeTls tls) {
    this(port, as, protocol, balance, pos, tls, List.of(), EdgeLimits.DEFAULT);
  }

  /** With the default limits. */
  public Expose(int port, int as, Protocol protocol, Balance balance, SourcePos pos, ExposeTls tls,
      List<String> domains) {
    this(port, as, protocol, balance, pos, tls, domains, EdgeLimits.DEFAULT);
  }

  /** Without domains: every name, the port the topology's alone. */
  public Expose(int port, int as, Protocol protocol, Balance balance, SourcePos pos, ExposeTls tls,
      EdgeLimits limits) {
    this(port, as, protocol, balance, pos, tls, List.of(), limits);
  }
}
