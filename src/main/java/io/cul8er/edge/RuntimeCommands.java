package io.cul8er.edge;

import io.cul8er.edge.RuntimeCommand.Answer;
import io.cul8er.model.EdgeLimits;

/**
 * Builds Runtime API commands (HAProxy management guide, section 9.3). Pure; every name is
 * validated so that nothing can inject a second command or argument.
 */
public final class RuntimeCommands {
  private RuntimeCommands() {}

  /**
   * {@code add server}: the server starts in maintenance with checks disabled. HAProxy does not
   * apply {@code default-server} to dynamic servers, so the check timings are repeated here.
   * {@code checkPort} 0 checks the server's own port.
   */
  public static RuntimeCommand addServer(
      String backend, EdgeServer server, int checkPort, CheckTiming timing) {
    return addServer(backend, server, checkPort, timing, EdgeLimits.DEFAULT);
  }

  /** As the file writes it: with the service's {@code maxconn}, which {@code add server} does not take from it. */
  public static RuntimeCommand addServer(
      String backend, EdgeServer server, int checkPort, CheckTiming timing, EdgeLimits limits) {
    return new RuntimeCommand(
        "add server "
            + target(backend, server.name())
            + " "
            + serverArguments(server, checkPort)
            + LimitLines.serverLimit(limits)
            + " "
            + timing.keywords(),
        Answer.SERVER_ADDED);
  }

  /** Only a server in maintenance with no connection left can be deleted. */
  public static RuntimeCommand deleteServer(String backend, String server) {
    return new RuntimeCommand("del server " + target(backend, server), Answer.SERVER_DELETED);
  }

  public static RuntimeCommand enableServer(String backend, String server) {
    return action("enable server", backend, server);
  }

  public static RuntimeCommand disableServer(String backend, String server) {
    return action("disable server", backend, server);
  }

  public static RuntimeCommand enableHealth(String backend, String server) {
    return action("enable health", backend, server);
  }

  /** Overrides the check result until the next checks decide: up, stopping or down. */
  public static RuntimeCommand setHealth(String backend, String server, ServerHealth health) {
    return new RuntimeCommand(
        "set server " + target(backend, server) + " health " + health.keyword(), Answer.NOTHING);
  }

  public static RuntimeCommand setState(String backend, String server, ServerAdminState state) {
    return new RuntimeCommand(
        "set server " + target(backend, server) + " state " + state.keyword(), Answer.NOTHING);
  }

  public static RuntimeCommand setWeight(String backend, String server, int weight) {
    return new RuntimeCommand(
        "set weight " + target(backend, server) + " " + EdgeNames.weight(weight), Answer.NOTHING);
  }

  public static RuntimeCommand showServersState(String backend) {
    return new RuntimeCommand(
        "show servers state " + EdgeNames.identifier("backend", backend), Answer.SERVERS_STATE);
  }

  public static RuntimeCommand showServersState() {
    return new RuntimeCommand("show servers state", Answer.SERVERS_STATE);
  }

  /** Statistics of the servers (type 4) of one backend. */
  public static RuntimeCommand showStat(String backend) {
    return new RuntimeCommand(
        "show stat " + EdgeNames.identifier("backend", backend) + " 4 -1", Answer.STAT_CSV);
  }

  public static RuntimeCommand showStat() {
    return new RuntimeCommand("show stat", Answer.STAT_CSV);
  }

  /** The lines a ring holds (an access log: {@link AccessLogLines}), oldest first. */
  public static RuntimeCommand showEvents(String ring) {
    return new RuntimeCommand("show events " + EdgeNames.identifier("ring", ring), Answer.EVENTS);
  }

  public static RuntimeCommand showInfo() {
    return new RuntimeCommand("show info", Answer.INFO);
  }

  /** Master CLI: the master, its reloads (and failed ones) and its workers. */
  public static RuntimeCommand showProc() {
    return new RuntimeCommand("show proc", Answer.PROC);
  }

  /**
   * Master CLI: re-executes the master with the configuration file, which forks a new worker. The
   * master handles it in its loop, so unlike SIGUSR2 it is never lost while a reload is under way.
   */
  public static RuntimeCommand reload() {
    return new RuntimeCommand("reload", Answer.NOTHING);
  }

  /** The part of a server line after its name, shared by haproxy.cfg and {@code add server}. */
  static String serverArguments(EdgeServer server, int checkPort) {
    String arguments =
        server.address() + ":" + server.port() + " weight " + server.weight() + (server.backup() ? " backup" : "")
            + " check";
    return checkPort == 0 ? arguments : arguments + " port " + EdgeNames.port("check port", checkPort);
  }

  private static RuntimeCommand action(String verb, String backend, String server) {
    return new RuntimeCommand(verb + " " + target(backend, server), Answer.NOTHING);
  }

  private static String target(String backend, String server) {
    return EdgeNames.identifier("backend", backend) + "/" + EdgeNames.identifier("server", server);
  }
}
