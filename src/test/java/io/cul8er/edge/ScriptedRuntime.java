package io.cul8er.edge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A Runtime API that records the commands it gets and answers from a script: {@code show stat}
 * answers are taken in turn (the last one repeats); other commands succeed unless a refusal is
 * queued for them.
 */
final class ScriptedRuntime implements RuntimeApi {
  private static final String HEADER =
      "# pxname,svname,scur,stot,status,weight,check_status,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,"
          + "hrsp_5xx,hrsp_other,econ,eresp,idle_conn_cur,\n";

  final List<String> commands = new ArrayList<>();
  private final Deque<String> stats = new ArrayDeque<>();
  private final Deque<Refusal> refusals = new ArrayDeque<>();

  private record Refusal(String prefix, String answer) {}

  /** One {@code show stat} answer holding the given rows, each {@link #row}. */
  ScriptedRuntime stat(String... rows) {
    stats.add(HEADER + String.join("", rows));
    return this;
  }

  static String row(String server, int scur, String status, String check, int ok, int errors) {
    return "be_web," + server + "," + scur + "," + (ok + errors) + "," + status + ",100," + check
        + ",0," + ok + ",0,0," + errors + ",0,0,0,0,\n";
  }

  /** The next command starting with {@code prefix} gets {@code answer}. */
  ScriptedRuntime refuse(String prefix, String answer) {
    refusals.add(new Refusal(prefix, answer));
    return this;
  }

  @Override
  public String execute(RuntimeCommand command) {
    commands.add(command.line());
    Refusal refusal = refusals.peek();
    if (refusal != null && command.line().startsWith(refusal.prefix())) {
      refusals.poll();
      throw new HaproxyCommandException(command.line(), "scripted", refusal.answer());
    }
    return switch (command.expected()) {
      case STAT_CSV -> stats.size() > 1 ? stats.poll() : stats.peek();
      case SERVER_ADDED -> "New server registered.\n";
      case SERVER_DELETED -> "Server deleted.\n";
      default -> "\n";
    };
  }
}
