package io.cul8er.edge;

/**
 * A public port a topology cannot have on this host, and who holds it: {@code "topology shop"},
 * {@code "process 1234 (python3 -m http.server)"} or {@code "a process this user cannot see"}.
 */
public record PortProblem(int port, String holder) {

  public String message() {
    return "public port " + port + " is already used by " + holder;
  }
}
