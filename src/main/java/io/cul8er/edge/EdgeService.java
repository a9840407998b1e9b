package io.cul8er.edge;

import java.util.List;
import java.util.Optional;

/**
 * One exposed service as the edge serves it: a frontend on {@code bindAddress:publicPort} and a
 * backend named {@code backendName()} holding {@code servers}. {@code bindAddress} empty means all
 * addresses.
 */
public record EdgeService(
    String name,
    Optional<String> bindAddress,
    int publicPort,
    Mode mode,
    HealthProbe probe,
    CheckTiming timing,
    List<EdgeServer> servers) {

  /** HTTP is balanced per request; TCP (also used to pass TLS through) per connection. */
  public enum Mode {
    HTTP,
    TCP
  }

  public EdgeService {
    EdgeNames.identifier("service", name);
    bindAddress.ifPresent(EdgeNames::address);
    EdgeNames.port("public port", publicPort);
    servers = List.copyOf(servers);
    if (mode == Mode.TCP && probe instanceof HealthProbe.Http) {
      throw new IllegalArgumentException(
          "service " + name + " is TCP but its health probe is HTTP; use a TCP probe");
    }
  }

  /** An HTTP service on every address, checked with {@code GET /health}, no servers yet. */
  public static EdgeService http(String name, int publicPort) {
    return new EdgeService(
        name, Optional.empty(), publicPort, Mode.HTTP, HealthProbe.Http.get("/health"), CheckTiming.FAST, List.of());
  }

  public String frontendName() {
    return "fe_" + name;
  }

  public String backendName() {
    return "be_" + name;
  }

  public EdgeService withBindAddress(String address) {
    return new EdgeService(name, Optional.of(address), publicPort, mode, probe, timing, servers);
  }

  public EdgeService withProbe(HealthProbe newProbe) {
    return new EdgeService(name, bindAddress, publicPort, mode, newProbe, timing, servers);
  }

  public EdgeService withTiming(CheckTiming newTiming) {
    return new EdgeService(name, bindAddress, publicPort, mode, probe, newTiming, servers);
  }

  public EdgeService withServers(List<EdgeServer> newServers) {
    return new EdgeService(name, bindAddress, publicPort, mode, probe, timing, newServers);
  }
}
