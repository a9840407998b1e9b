package io.cul8er.edge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the answers of {@code show servers state} and {@code show stat} by column name. */
final class RuntimeParsers {
  private RuntimeParsers() {}

  /** The {@code Pid:} line of {@code show info}: the process that answered. */
  static long infoPid(String response) {
    for (String line : response.split("\n")) {
      if (line.startsWith("Pid: ")) {
        return Long.parseLong(line.substring(5).trim());
      }
    }
    throw new IllegalArgumentException("no 'Pid:' line in 'show info' answer: " + response);
  }

  /**
   * The master CLI's {@code show proc}: {@code PID master RELOADS [failed: N] UPTIME VERSION}, then
   * under {@code # workers} one line per worker, {@code PID worker RELOADS UPTIME VERSION}; the
   * current worker is the one that has seen no reload.
   */
  static MasterStatus masterStatus(String response) {
    long master = -1;
    int reloads = 0;
    int failed = 0;
    List<Long> current = new ArrayList<>();
    List<Long> old = new ArrayList<>();
    for (String line : response.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && f[1].equals("master")) {
        master = Long.parseLong(f[0]);
        reloads = Integer.parseInt(f[2]);
        failed = line.contains("[failed: ") ? Integer.parseInt(line.replaceFirst(".*\\[failed: (\\d+)].*", "$1")) : 0;
      } else if (f.length >= 3 && f[1].equals("worker")) {
        (f[2].equals("0") ? current : old).add(Long.parseLong(f[0]));
      }
    }
    if (master < 0) {
      throw new IllegalArgumentException("no master line in 'show proc' answer: " + response);
    }
    return new MasterStatus(master, reloads, failed, current, old);
  }

  /** Format version 1: a version line, a {@code #}-prefixed header, space-separated rows. */
  static List<ServerState> serversState(String response) {
    List<ServerState> states = new ArrayList<>();
    Columns columns = null;
    for (String line : response.split("\n")) {
      if (line.startsWith("# ")) {
        columns = new Columns(List.of(line.substring(2).trim().split(" ")));
      } else if (!line.isBlank() && columns != null) {
        Row row = columns.row(List.of(line.trim().split(" ")), line);
        states.add(
            new ServerState(
                row.text("be_name"),
                row.text("srv_name"),
                row.text("srv_addr"),
                row.integer("srv_port"),
                ServerState.Operational.of(row.integer("srv_op_state")),
                row.integer("srv_admin_state"),
                row.integer("srv_uweight"),
                row.integer("srv_iweight")));
      }
    }
    if (columns == null) {
      throw new IllegalArgumentException("no header line in 'show servers state' answer: " + response);
    }
    return List.copyOf(states);
  }

  /** The server rows of a {@code show stat} CSV; FRONTEND and BACKEND rows are skipped. */
  static List<ServerStats> serverStats(String response) {
    String[] lines = response.split("\n");
    if (lines.length == 0 || !lines[0].startsWith("# ")) {
      throw new IllegalArgumentException("no '# pxname,...' header in 'show stat' answer: " + response);
    }
    Columns columns = new Columns(Csv.fields(lines[0].substring(2)));
    List<ServerStats> stats = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      Row row = columns.row(Csv.fields(lines[i]), lines[i]);
      String server = row.text("svname");
      if (server.equals("FRONTEND") || server.equals("BACKEND")) {
        continue;
      }
      stats.add(
          new ServerStats(
              row.text("pxname"),
              server,
              row.number("scur"),
              row.number("stot"),
              row.text("status"),
              (int) row.number("weight"),
              row.text("check_status"),
              row.number("hrsp_2xx"),
              row.number("hrsp_4xx"),
              row.number("hrsp_5xx"),
              row.number("hrsp_1xx") + row.number("hrsp_3xx") + row.number("hrsp_other"),
              row.number("econ"),
              row.number("eresp"),
              row.number("idle_conn_cur"),
              row.numberIfAny("rtime")));
    }
    return List.copyOf(stats);
  }

  private static final class Columns {
    private final Map<String, Integer> index = new HashMap<>();

    Columns(List<String> names) {
      for (int i = 0; i < names.size(); i++) {
        index.putIfAbsent(names.get(i), i);
      }
    }

    Row row(List<String> values, String line) {
      return new Row(index, values, line);
    }
  }

  private record Row(Map<String, Integer> index, List<String> values, String line) {
    String text(String column) {
      Integer i = index.get(column);
      if (i == null) {
        throw new IllegalArgumentException("HAProxy's answer has no column '" + column + "'");
      }
      return i < values.size() ? values.get(i) : "";
    }

    /** An empty field (not applicable to this row) reads as 0. */
    long number(String column) {
      String value = text(column);
      try {
        return value.isEmpty() ? 0 : Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "column '" + column + "' is not a number in HAProxy's line: " + line, e);
      }
    }

    /** {@link #number}, or 0 when the answer has no such column (a measure only some readers want). */
    long numberIfAny(String column) {
      return index.containsKey(column) ? number(column) : 0;
    }

    int integer(String column) {
      return Math.toIntExact(number(column));
    }
  }
}
