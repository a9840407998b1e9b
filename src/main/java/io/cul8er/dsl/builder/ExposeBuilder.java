package io.cul8er.dsl.builder;

import io.cul8er.dsl.Defaults;
import io.cul8er.model.Balance;
import io.cul8er.model.EdgeLimits;
import io.cul8er.model.Expose;
import io.cul8er.model.ExposeTls;
import io.cul8er.model.Protocol;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import java.util.List;
import java.util.Optional;

/**
 * The settings of one {@code expose port: P, as: A, protocol: X, ...}: balance, TLS (certificate,
 * key, redirect), the names it answers, and its limits; each defaults as in the DSL.
 */
public final class ExposeBuilder {
  private final int port;
  private final int as;
  private final Protocol protocol;
  private Balance balance = Defaults.BALANCE;
  private Optional<SecretRef> certificate = Optional.empty();
  private Optional<SecretRef> key = Optional.empty();
  private Optional<Integer> redirectFrom = Optional.empty();
  private List<String> domains = List.of();
  private EdgeLimits limits = EdgeLimits.DEFAULT;

  ExposeBuilder(int port, int as, Protocol protocol) {
    this.port = port;
    this.as = as;
    this.protocol = protocol;
  }

  /** {@code balance:} how each host's edge treats other hosts' instances of the service. */
  public ExposeBuilder balance(Balance balance) {
    this.balance = balance;
    return this;
  }

  /** {@code cert:} and {@code key:} of an {@code :https} port (without them: the host's self-signed certificate). */
  public ExposeBuilder certificate(SecretRef certificate, SecretRef key) {
    this.certificate = Optional.of(certificate);
    this.key = Optional.of(key);
    return this;
  }

  /** {@code redirect_from:} a plain HTTP port answered with a 301 to this {@code :https} one. */
  public ExposeBuilder redirectFrom(int port) {
    this.redirectFrom = Optional.of(port);
    return this;
  }

  /** {@code domains:} the names this port answers, so that other topologies may share it by name. */
  public ExposeBuilder domains(String... names) {
    this.domains = List.of(names);
    return this;
  }

  /** {@code expose ... do ... end}: what the edge allows the port's clients and instances. */
  public ExposeBuilder limits(EdgeLimits limits) {
    this.limits = limits;
    return this;
  }

  Expose build() {
    return new Expose(port, as, protocol, balance, SourcePos.NONE, new ExposeTls(certificate, key, redirectFrom),
        domains, limits);
  }
}
