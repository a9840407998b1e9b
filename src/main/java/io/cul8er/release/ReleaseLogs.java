package io.cul8er.release;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Reads a release's output inside an instance, every line starting with its timestamp: under
 * systemd from the journal (which stamps every line), elsewhere from the log file, where the run
 * script's {@link #STAMP} program stamps each line the release printed without a timestamp. Pure:
 * each method returns the {@code argv} to exec.
 */
public final class ReleaseLogs {
  /**
   * An awk program (busybox, mawk and gawk alike; run with {@code TZ=UTC}) that puts the time
   * before each line that does not start with an ISO-8601 date and time, and flushes each line.
   */
  public static final String STAMP = "{ if ($0 !~ /" + Stamped.PATTERN + "/) $0 = strftime(\"%Y-%m-%dT%H:%M:%SZ\") \" \" $0;"
      + " print; fflush() }";

  private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private ReleaseLogs() {}

  /** The release's output from {@code start}; with {@code follow}, then every new line until stopped. */
  public static List<String> read(ReleaseLayout layout, LogStart start, boolean follow) {
    String unit = Shell.quote(layout.service() + ".service");
    String log = Shell.quote(layout.log());
    String journal;
    String file;
    if (start instanceof LogStart.Since since) {
      journal = "-n all --since @" + since.since().getEpochSecond();
      file = "tail -n +1" + (follow ? " -F " : " ") + log + " 2>/dev/null | awk -v since='"
          + SINCE.format(since.since()) + "' " + Shell.quote(sinceFilter()) + " || true";
    } else {
      int lines = ((LogStart.Last) start).lines();
      journal = "-n " + lines;
      file = follow ? "exec tail -n " + lines + " -F " + log + " 2>/dev/null"
          : "tail -n " + lines + " " + log + " 2>/dev/null || true";
    }
    // A follower is the shell's own process (exec), which Incus kills when its connection drops.
    journal = (follow ? "exec " : "") + "journalctl --quiet --no-pager --output=short-iso-precise " + journal
        + (follow ? " -f" : "") + " -u " + unit + " 2>/dev/null" + (follow ? "" : " || true");
    return List.of("/bin/sh", "-c", "if [ -d /run/systemd/system ]; then " + journal + "; else " + file + "; fi");
  }

  /**
   * Keeps the lines stamped at or after {@code since} (their stamp's first 19 characters, {@code T}
   * read as a space, compared as text), and the unstamped lines that follow a kept one.
   */
  static String sinceFilter() {
    return "{ if ($0 ~ /" + Stamped.PATTERN + "/) { t = substr($0, 1, 19); sub(/T/, \" \", t); keep = t >= since }"
        + " if (keep) { print; fflush() } }";
  }

  /** What a line starting with a timestamp starts with. */
  static final class Stamped {
    /** ERE without intervals (older mawk has none): {@code YYYY-MM-DD[T ]HH:MM:SS}. */
    static final String PATTERN = "^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]";

    private Stamped() {}
  }
}
