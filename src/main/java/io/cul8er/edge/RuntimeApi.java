package io.cul8er.edge;

import java.util.List;

/** HAProxy's Runtime API: one command in, HAProxy's answer out. */
public interface RuntimeApi {

  /**
   * Runs {@code command} and returns HAProxy's answer.
   *
   * @throws HaproxyCommandException when HAProxy answers anything but the expected success
   * @throws HaproxyUnreachableException when the admin socket does not answer
   */
  String execute(RuntimeCommand command);

  default List<ServerState> serversState(String backend) {
    return RuntimeParsers.serversState(execute(RuntimeCommands.showServersState(backend)));
  }

  default List<ServerStats> serverStats(String backend) {
    return RuntimeParsers.serverStats(execute(RuntimeCommands.showStat(backend)));
  }
}
