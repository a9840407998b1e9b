package io.cul8er.edge;

import static io.cul8er.edge.HaproxyConfig.line;

import io.cul8er.model.DomainNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The public ports served by name ({@code domains:}): one frontend per port, {@code fe_port_443},
 * shared by every topology that answers names there. TLS ports bind every topology's certificate
 * (HAProxy picks one by SNI; the first when no name matches); requests go to the backend whose
 * names match the Host header (without its port, ignoring case); a name no one answers gets a 404.
 * A plain HTTP port may mix services and redirects to TLS. Ports of claims without names keep their
 * own frontends ({@link HaproxyConfig}); two claims that cannot share a port are refused.
 */
final class SharedPorts {
  static final String UNKNOWN_NAME = "No site answers this host name on this port.";

  private final Map<Integer, List<Claimant>> byPort;

  private record Claimant(EdgeService service, PortClaim claim) {
    String acl() {
      return "name_" + service.frontendName().substring("fe_".length());
    }
  }

  private SharedPorts(Map<Integer, List<Claimant>> byPort) {
    this.byPort = byPort;
  }

  /** The ports of {@code services} served by name; refuses two claims of one port that cannot share it. */
  static SharedPorts of(List<EdgeService> services) {
    Map<Integer, List<Claimant>> all = new TreeMap<>();
    for (EdgeService service : services) {
      String owner = service.topology().orElse(service.name());
      for (PortClaim claim : PortClaim.of(owner, service)) {
        List<Claimant> here = all.computeIfAbsent(claim.port(), p -> new ArrayList<>());
        for (Claimant before : here) {
          Optional<String> conflict = claim.conflict(before.claim());
          if (conflict.isPresent()) {
            throw new IllegalArgumentException(claim.byName() || before.claim().byName()
                ? "topologies " + before.claim().topology() + " and " + owner + " cannot share public port "
                    + claim.port() + ": it is held by " + conflict.get()
                : "topologies " + before.claim().topology() + " and " + owner + " both claim public port " + claim.port());
          }
        }
        here.add(new Claimant(service, claim));
      }
    }
    Map<Integer, List<Claimant>> byName = new LinkedHashMap<>();
    all.forEach((port, uses) -> {
      if (uses.stream().anyMatch(u -> u.claim().byName())) {
        byName.put(port, List.copyOf(uses));
      }
    });
    return new SharedPorts(byName);
  }

  /** Whether the service's own public port is rendered here rather than as its own frontend. */
  boolean serves(EdgeService service) {
    return byPort.containsKey(service.publicPort());
  }

  /** Whether the service's redirect port is rendered here rather than as its own redirect frontend. */
  boolean redirects(EdgeService service) {
    return service.tls().flatMap(EdgeTls::redirectFrom).map(byPort::containsKey).orElse(false);
  }

  void render(StringBuilder out) {
    if (byPort.isEmpty()) {
      return;
    }
    out.append("\n# ports shared by name\n");
    byPort.keySet().forEach(port -> AccessLogLines.sharedRing(out, port));
    byPort.forEach((port, uses) -> frontend(out, port, uses));
  }

  private static void frontend(StringBuilder out, int port, List<Claimant> uses) {
    EdgeService first = uses.get(0).service();
    boolean tls = uses.stream().anyMatch(u -> u.claim().use() == PortClaim.Use.TLS);
    out.append("\nfrontend fe_port_").append(port).append('\n');
    line(out, "mode http");
    line(out, "bind " + first.bindAddress().orElse("") + ":" + port + (tls ? TlsLines.bundlesBindOptions(
        uses.stream().map(u -> u.service().tls().orElseThrow().fileName()).collect(Collectors.toCollection(TreeSet::new)))
        : ""));
    line(out, "timeout client " + HaproxyDurations.format(uses.stream().map(u -> u.service().limits().clientTimeout())
        .max(java.time.Duration::compareTo).orElseThrow()));
    line(out, "log ring@" + AccessLogLines.sharedRing(port) + " local0 info");
    line(out, "option httplog");
    line(out, "option forwardfor");
    line(out, "http-request set-header X-Forwarded-Proto " + (tls ? "https" : "http"));
    for (Claimant use : uses) {
      acls(out, use);
    }
    for (Claimant use : uses) {
      if (use.claim().use() == PortClaim.Use.REDIRECT) {
        line(out, TlsLines.redirectRule(use.service()) + " if " + use.acl());
      }
    }
    for (Claimant use : uses) {
      if (use.claim().use() != PortClaim.Use.REDIRECT) {
        use.service().maintenance().ifPresent(maintenance ->
            line(out, MaintenanceLines.rule(EdgeService.Mode.HTTP, maintenance) + " if " + use.acl()));
      }
    }
    line(out, "http-request return status 404 content-type text/plain string \"" + UNKNOWN_NAME + "\" unless "
        + uses.stream().map(Claimant::acl).collect(Collectors.joining(" || ")));
    for (Claimant use : uses) {
      if (use.claim().use() != PortClaim.Use.REDIRECT) {
        line(out, "use_backend " + use.service().backendName() + " if " + use.acl());
      }
    }
  }

  /** One ACL per service: exact names in one line, each wildcard a regular expression of one more label. */
  private static void acls(StringBuilder out, Claimant use) {
    List<String> exact = use.claim().domains().stream().filter(d -> !DomainNames.wildcard(d)).toList();
    String host = "acl " + use.acl() + " req.hdr(host),host_only,lower ";
    if (!exact.isEmpty()) {
      line(out, host + "-m str " + String.join(" ", exact));
    }
    use.claim().domains().stream().filter(DomainNames::wildcard).forEach(wildcard ->
        line(out, host + "-m reg '^[^.]+" + wildcard.substring(1).replace(".", "\\.") + "$'"));
  }
}
