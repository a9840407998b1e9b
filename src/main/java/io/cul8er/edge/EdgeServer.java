package io.cul8er.edge;

/**
 * One server of a backend: where an instance of the service listens, its traffic weight, and
 * whether it is a backup (it takes requests only while no other server is up: an instance on
 * another host, behind this host's own).
 */
public record EdgeServer(String name, String address, int port, int weight, boolean backup) {
  public EdgeServer {
    EdgeNames.identifier("server", name);
    EdgeNames.address(address);
    EdgeNames.port("server port", port);
    EdgeNames.weight(weight);
  }

  public EdgeServer(String name, String address, int port, int weight) {
    this(name, address, port, weight, false);
  }

  public EdgeServer withWeight(int newWeight) {
    return new EdgeServer(name, address, port, newWeight, backup);
  }
}
