package io.cul8er.edge;

/**
 * One line of {@code show servers state}: HAProxy's view of a server's operational state (from
 * its health checks) and administrative state (what an operator set).
 */
public record ServerState(
    String backend,
    String server,
    String address,
    int port,
    Operational operational,
    int adminFlags,
    int userWeight,
    int initialWeight) {

  private static final int MAINT_FLAGS = 0x01 | 0x02 | 0x04 | 0x20;
  private static final int DRAIN_FLAGS = 0x08 | 0x10;

  /** {@code srv_op_state}: 0 down, 1 starting, 2 running, 3 stopping. */
  public enum Operational {
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING;

    static Operational of(int code) {
      if (code < 0 || code >= values().length) {
        throw new IllegalArgumentException("unknown srv_op_state " + code);
      }
      return values()[code];
    }
  }

  public boolean inMaintenance() {
    return (adminFlags & MAINT_FLAGS) != 0;
  }

  public boolean draining() {
    return (adminFlags & DRAIN_FLAGS) != 0;
  }
}
