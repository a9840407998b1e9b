package io.cul8er.release;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * A release hook run inside an instance, and what it printed. Pure. The hook runs in the unpacked
 * directory of its version (staged, not necessarily active) with the environment the release starts
 * with: the instance's ({@code env} settings and secrets, which Incus gives every exec) and the
 * release's environment file (cluster settings). Its output, standard error included, is kept in a
 * temporary file and only its last lines come back.
 */
public final class HookCommands {
  /** How many of a hook's last output lines are shown. */
  public static final int LAST_LINES = 20;
  /** Exit code of {@code timeout} when the command ran out of time (coreutils; busybox's sends SIGTERM: 143). */
  private static final List<Integer> TIMED_OUT = List.of(124, 143);

  private HookCommands() {}

  /** {@code CUL8ER_HOOK}, {@code CUL8ER_RELEASE} and {@code CUL8ER_VERSION} are set for the command. */
  public static List<String> run(ReleaseLayout layout, String version, String hook, String command, Duration timeout) {
    String env = Shell.quote(layout.envFile());
    return List.of("/bin/sh", "-c", "set -a; if [ -f " + env + " ]; then . " + env + "; fi; set +a;"
        + " export CUL8ER_HOOK=" + Shell.quote(hook) + " CUL8ER_RELEASE=" + Shell.quote(layout.name())
        + " CUL8ER_VERSION=" + Shell.quote(version) + ";"
        + " cd " + Shell.quote(layout.versionDir(version)) + " || exit 1;"
        + " out=$(mktemp) || exit 1;"
        + " timeout " + Math.max(1, timeout.toSeconds()) + " /bin/sh -c " + Shell.quote(command)
        + " > \"$out\" 2>&1 < /dev/null; rc=$?;"
        + " tail -n " + LAST_LINES + " \"$out\"; rm -f \"$out\"; exit $rc");
  }

  /** Why a hook that exited with {@code exitCode} failed, e.g. {@code exited with 3}. */
  public static String exit(int exitCode, Duration timeout) {
    return TIMED_OUT.contains(exitCode)
        ? "was stopped after its timeout of " + timeout.toSeconds() + " s (exit code " + exitCode + ")"
        : "exited with " + exitCode;
  }

  /**
   * The last {@value #LAST_LINES} lines of {@code output}, each indented under a bar, with every
   * secret value replaced by {@code ***}; empty when there was none.
   */
  public static String lastLines(String output, Collection<String> secrets) {
    String redacted = output.strip();
    for (String secret : secrets) {
      if (secret.length() >= 4) {
        redacted = redacted.replace(secret, "***");
      }
    }
    if (redacted.isEmpty()) {
      return "";
    }
    List<String> lines = redacted.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size()).stream()
        .map(line -> "  | " + line).toList());
  }
}
