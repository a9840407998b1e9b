package io.cul8er.edge;

/**
 * One Runtime API command line and what HAProxy answers when it succeeds. HAProxy reports
 * failures as free text ("No such server.") on an otherwise successful connection, so success is
 * recognised by the expected answer rather than by the absence of an error.
 */
public record RuntimeCommand(String line, Answer expected) {

  public RuntimeCommand {
    if (line.isBlank() || line.contains("\n") || line.contains("\r") || line.contains(";")) {
      throw new IllegalArgumentException("a Runtime API command is one line without ';': '" + line + "'");
    }
  }

  /**
   * Whether sending it twice does no more than sending it once: reads, and commands that set a
   * state or a weight. Adding or deleting a server and reloading are not.
   */
  public boolean repeatable() {
    return expected != Answer.SERVER_ADDED && expected != Answer.SERVER_DELETED && !line.equals("reload");
  }

  /** What a successful answer looks like: its first characters, or nothing but blank lines. */
  public enum Answer {
    /** Actions such as {@code enable server} answer nothing but blank lines. */
    NOTHING(""),
    SERVER_ADDED("New server registered."),
    SERVER_DELETED("Server deleted."),
    /** {@code show servers state}: format version 1, then a {@code #} header. */
    SERVERS_STATE("1\n# be_id "),
    /** {@code show stat}: CSV whose header starts with {@code # pxname,}. */
    STAT_CSV("# pxname,"),
    /** {@code show info}: {@code Name: HAProxy} first. */
    INFO("Name: HAProxy"),
    /** The master CLI's {@code show proc}: a {@code #<PID>} header, the master, its workers. */
    PROC("#<PID>"),
    /** {@code show events RING}: the ring's lines, possibly none; an unknown ring is {@code No such event sink}. */
    EVENTS("");

    private final String start;

    Answer(String start) {
      this.start = start;
    }

    boolean accepts(String response) {
      if (this == EVENTS) {
        return !response.startsWith("No such");
      }
      return start.isEmpty() ? response.isBlank() : response.startsWith(start);
    }
  }
}
