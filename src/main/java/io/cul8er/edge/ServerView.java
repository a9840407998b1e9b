package io.cul8er.edge;

/**
 * A server as HAProxy sees it: {@code adminState} READY, DRAIN or MAINT (what an operator set),
 * {@code operationalState} UP, DOWN, STARTING or STOPPING (what its checks say), its weight.
 */
public record ServerView(String backend, String server, String adminState, String operationalState, int weight) {

  static ServerView of(ServerState state) {
    String admin = state.inMaintenance() ? "MAINT" : state.draining() ? "DRAIN" : "READY";
    String operational = switch (state.operational()) {
      case RUNNING -> "UP";
      case STOPPED -> "DOWN";
      case STARTING -> "STARTING";
      case STOPPING -> "STOPPING";
    };
    return new ServerView(state.backend(), state.server(), admin, operational, state.userWeight());
  }
}
