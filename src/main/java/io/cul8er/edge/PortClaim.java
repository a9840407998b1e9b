package io.cul8er.edge;

import io.cul8er.model.DomainNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A public port one topology's service binds, as far as sharing it goes: what the service does on
 * it ({@link Use}) and the host names it answers there. Two topologies share a port when both
 * answer names ({@code domains:}) that do not overlap and both speak the same on it (TLS, or plain
 * HTTP: a service or a redirect); a claim without names holds its port alone, as before names.
 */
public record PortClaim(String topology, int port, Use use, List<String> domains) {

  /** What a service does on the port: plain HTTP, TLS terminated, a plain redirect to TLS, or TCP. */
  public enum Use {
    HTTP,
    TLS,
    REDIRECT,
    TCP
  }

  public PortClaim {
    domains = List.copyOf(domains);
  }

  /** A claim of the whole port, for every name: how ports were claimed before names. */
  public static PortClaim exclusive(String topology, int port) {
    return new PortClaim(topology, port, Use.TCP, List.of());
  }

  /** The ports {@code service} binds: its public port, and the one it redirects to it with TLS. */
  public static List<PortClaim> of(String topology, EdgeService service) {
    List<PortClaim> claims = new ArrayList<>();
    Use use = service.tls().isPresent() ? Use.TLS : service.mode() == EdgeService.Mode.HTTP ? Use.HTTP : Use.TCP;
    claims.add(new PortClaim(topology, service.publicPort(), use, service.domains()));
    service.tls().flatMap(EdgeTls::redirectFrom)
        .ifPresent(from -> claims.add(new PortClaim(topology, from, Use.REDIRECT, service.domains())));
    return claims;
  }

  public boolean byName() {
    return !domains.isEmpty();
  }

  /**
   * Why this claim cannot share its port with {@code holder}'s, worded as who holds the port
   * ({@code topology shop, for shop.example.com, which topology blog declares too}); empty when
   * the two can share it.
   */
  public Optional<String> conflict(PortClaim holder) {
    String them = "topology " + holder.topology;
    if (!holder.byName()) {
      return Optional.of(them);
    }
    if (!byName()) {
      return Optional.of(them + ", which shares it by name (" + String.join(", ", holder.domains)
          + "): declare `domains:` for topology " + topology + "'s port " + port + " too");
    }
    if (tls() != holder.tls()) {
      return Optional.of(them + ", which " + speaks(holder) + " on it while topology " + topology + " "
          + speaks(this));
    }
    List<String> overlapping = holder.domains.stream()
        .filter(theirs -> domains.stream().anyMatch(mine -> DomainNames.overlap(mine, theirs))).toList();
    if (!overlapping.isEmpty()) {
      return Optional.of(them + ", for " + String.join(", ", overlapping) + ", which topology " + topology
          + (overlapping.size() == 1 ? " declares" : " declare") + " too");
    }
    return Optional.empty();
  }

  private boolean tls() {
    return use == Use.TLS;
  }

  private static String speaks(PortClaim claim) {
    return claim.tls() ? "terminates TLS (`:https`)" : "serves plain HTTP";
  }

  /**
   * Who holds {@code port} against {@code mine} (this topology's claims on it; none means the whole
   * port) among the other topologies' {@code fragments}; empty when no one does or all can share.
   */
  static Optional<String> holder(String topology, int port, List<PortClaim> mine, List<Fragment> fragments) {
    List<PortClaim> wanted = mine.stream().filter(c -> c.port == port).toList();
    if (wanted.isEmpty()) {
      wanted = List.of(exclusive(topology, port));
    }
    for (Fragment fragment : fragments) {
      if (fragment.topology().equals(topology)) {
        continue;
      }
      for (PortClaim theirs : fragment.claims()) {
        if (theirs.port != port) {
          continue;
        }
        for (PortClaim claim : wanted) {
          Optional<String> conflict = claim.conflict(theirs);
          if (conflict.isPresent()) {
            return conflict;
          }
        }
      }
    }
    return Optional.empty();
  }
}
