package io.cul8er.edge;

/** One server of a backend: where an instance of the service listens, and its traffic weight. */
public record EdgeServer(String name, String address, int port, int weight) {
  public EdgeServer {
    EdgeNames.identifier("server", name);
    EdgeNames.address(address);
    EdgeNames.port("server port", port);
    EdgeNames.weight(weight);
  }

  public EdgeServer withWeight(int newWeight) {
    return new EdgeServer(name, address, port, newWeight);
  }
}
