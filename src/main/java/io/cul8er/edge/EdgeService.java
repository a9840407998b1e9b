package io.cul8er.edge;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cul8er.model.EdgeLimits;
import java.util.List;
import java.util.Optional;

/**
 * One exposed service as the edge serves it: a frontend on {@code bindAddress:publicPort} and a
 * backend named {@code backendName()} holding {@code servers}. {@code bindAddress} empty means all
 * addresses. On the host edge, where several topologies share one HAProxy, {@code topology} names
 * the topology the service belongs to, and its frontend and backend carry that name ({@code
 * fe_shop__web_8080}); without it they are {@code fe_web_8080}, as one topology's own edge names
 * them.
 */
public record EdgeService(
    Optional<String> topology,
    String name,
    Optional<String> bindAddress,
    int publicPort,
    Mode mode,
    HealthProbe probe,
    CheckTiming timing,
    List<EdgeServer> servers,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<EdgeTls> tls,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> domains,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<EdgeMaintenance> maintenance,
    EdgeLimits limits) {

  /** HTTP is balanced per request; TCP (also used to pass TLS through) per connection. */
  public enum Mode {
    HTTP,
    TCP
  }

  public EdgeService {
    topology.ifPresent(EdgeNames::topology);
    EdgeNames.identifier("service", name);
    if (topology.isPresent()) {
      EdgeNames.proxy("frontend", "fe_" + qualified(topology, name), topology.get(), name);
      EdgeNames.proxy("backend", "be_" + qualified(topology, name), topology.get(), name);
    }
    bindAddress.ifPresent(EdgeNames::address);
    EdgeNames.port("public port", publicPort);
    servers = List.copyOf(servers);
    domains = domains == null ? List.of() : List.copyOf(domains);
    maintenance = maintenance == null ? Optional.empty() : maintenance;
    if (limits == null) {
      limits = EdgeLimits.DEFAULT; // a fragment written before limits existed
    }
    domains.forEach(EdgeNames::domain);
    if (mode == Mode.TCP && !domains.isEmpty()) {
      throw new IllegalArgumentException("service " + name + " answers names (domains), so it is HTTP, not TCP");
    }
    if (mode == Mode.TCP && tls.isPresent()) {
      throw new IllegalArgumentException("service " + name + " terminates TLS, so it is HTTP, not TCP");
    }
    if (mode == Mode.TCP && probe instanceof HealthProbe.Http) {
      throw new IllegalArgumentException(
          "service " + name + " is TCP but its health probe is HTTP; use a TCP probe");
    }
  }

  /** A service without TLS. */
  public EdgeService(
      Optional<String> topology,
      String name,
      Optional<String> bindAddress,
      int publicPort,
      Mode mode,
      HealthProbe probe,
      CheckTiming timing,
      List<EdgeServer> servers) {
    this(topology, name, bindAddress, publicPort, mode, probe, timing, servers, Optional.empty(), List.of(), Optional.empty(),
        EdgeLimits.DEFAULT);
  }

  /** A service of no particular topology. */
  public EdgeService(
      String name,
      Optional<String> bindAddress,
      int publicPort,
      Mode mode,
      HealthProbe probe,
      CheckTiming timing,
      List<EdgeServer> servers) {
    this(Optional.empty(), name, bindAddress, publicPort, mode, probe, timing, servers);
  }

  /** An HTTP service on every address, checked with {@code GET /health}, no servers yet. */
  public static EdgeService http(String name, int publicPort) {
    return new EdgeService(
        name, Optional.empty(), publicPort, Mode.HTTP, HealthProbe.Http.get("/health"), CheckTiming.FAST, List.of());
  }

  public String frontendName() {
    return "fe_" + qualified(topology, name);
  }

  public String backendName() {
    return "be_" + qualified(topology, name);
  }

  /** This service as part of {@code topologyName} on the host edge. */
  public EdgeService inTopology(String topologyName) {
    return new EdgeService(Optional.of(topologyName), name, bindAddress, publicPort, mode, probe, timing, servers, tls, domains, maintenance, limits);
  }

  public EdgeService withBindAddress(String address) {
    return new EdgeService(topology, name, Optional.of(address), publicPort, mode, probe, timing, servers, tls, domains, maintenance, limits);
  }

  public EdgeService withProbe(HealthProbe newProbe) {
    return new EdgeService(topology, name, bindAddress, publicPort, mode, newProbe, timing, servers, tls, domains, maintenance, limits);
  }

  public EdgeService withTiming(CheckTiming newTiming) {
    return new EdgeService(topology, name, bindAddress, publicPort, mode, probe, newTiming, servers, tls, domains, maintenance, limits);
  }

  public EdgeService withServers(List<EdgeServer> newServers) {
    return new EdgeService(topology, name, bindAddress, publicPort, mode, probe, timing, newServers, tls, domains, maintenance, limits);
  }

  /** This service terminating TLS at the edge. */
  public EdgeService withTls(EdgeTls newTls) {
    return new EdgeService(topology, name, bindAddress, publicPort, mode, probe, timing, servers, Optional.of(newTls), domains,
        maintenance, limits);
  }

  /** This service answering every request itself, as maintenance mode wants (empty: serving again). */
  public EdgeService withMaintenance(Optional<EdgeMaintenance> newMaintenance) {
    return new EdgeService(topology, name, bindAddress, publicPort, mode, probe, timing, servers, tls, domains, newMaintenance,
        limits);
  }

  /** This service with {@code newLimits} instead of its limits. */
  public EdgeService withLimits(EdgeLimits newLimits) {
    return new EdgeService(topology, name, bindAddress, publicPort, mode, probe, timing, servers, tls, domains, maintenance,
        newLimits);
  }

  /** This service answering only the host names {@code names} (see {@link SharedPorts}). */
  public EdgeService withDomains(List<String> names) {
    return new EdgeService(topology, name, bindAddress, publicPort, mode, probe, timing, servers, tls, names, maintenance, limits);
  }

  /** The public port and, with TLS, the port redirected to it: the ports this service binds. */
  public List<Integer> boundPorts() {
    return tls.flatMap(EdgeTls::redirectFrom).map(from -> List.of(publicPort, from)).orElse(List.of(publicPort));
  }

  private static String qualified(Optional<String> topology, String name) {
    return topology.map(t -> t + EdgeNames.TOPOLOGY_SEPARATOR + name).orElse(name);
  }
}
