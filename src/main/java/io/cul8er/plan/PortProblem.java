package io.cul8er.plan;

/**
 * A public port the topology wants on a host that someone else holds there: another topology's
 * edge, or another process. Apply refuses the plan before it changes anything.
 */
public record PortProblem(String host, int port, String holder) {

  public String describe() {
    return "port " + port + " on " + host + " is held by " + holder;
  }
}
