package io.cul8er.release;

import java.util.ArrayList;
import java.util.List;

/** The {@code argv} that runs a command as the release runs: its environment file read, in its active version. */
public final class ReleaseExec {
  /** The exit code when no version of the release is active in the instance. */
  public static final int NO_ACTIVE_VERSION = 125;

  private ReleaseExec() {}

  /**
   * {@code command} (a program and its arguments, passed on untouched) with the variables of the
   * release's environment file (its environment and secrets, read inside the instance, so they
   * never travel) and {@code current} as working directory.
   */
  public static List<String> command(ReleaseLayout layout, List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("Name a command to run in the release of " + layout.name());
    }
    String env = Shell.quote(layout.envFile());
    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c",
        "if [ -f " + env + " ]; then set -a; . " + env + "; set +a; fi;"
            + " cd " + Shell.quote(layout.current()) + " 2>/dev/null || { echo \"cul8er: no version of "
            + layout.name() + " is active here (no " + layout.current() + ")\" >&2; exit " + NO_ACTIVE_VERSION + "; };"
            + " exec \"$@\"", "cul8er-exec"));
    argv.addAll(command);
    return List.copyOf(argv);
  }
}
