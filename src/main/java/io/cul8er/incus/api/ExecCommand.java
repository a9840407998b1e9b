package io.cul8er.incus.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command to run inside an instance, non-interactively, with its output recorded.
 *
 * @param idempotent running it twice does what running it once does, so the client may run it
 *     again when the daemon restarted before its outcome was known; false unless said so
 * @param timeout how long the client waits for it to end, when it is not the client's operation
 *     timeout (a command in a frozen or dying instance may never end)
 */
public record ExecCommand(
    List<String> command,
    Map<String, String> environment,
    Optional<String> cwd,
    Optional<Integer> user,
    Optional<Integer> group,
    boolean idempotent,
    Optional<java.time.Duration> timeout) {

  public ExecCommand {
    command = List.copyOf(command);
    environment = Copies.map(environment);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("An exec command needs at least a program name");
    }
  }

  /** A command that is not idempotent. */
  public ExecCommand(
      List<String> command,
      Map<String, String> environment,
      Optional<String> cwd,
      Optional<Integer> user,
      Optional<Integer> group) {
    this(command, environment, cwd, user, group, false, Optional.empty());
  }

  public ExecCommand(
      List<String> command,
      Map<String, String> environment,
      Optional<String> cwd,
      Optional<Integer> user,
      Optional<Integer> group,
      boolean idempotent) {
    this(command, environment, cwd, user, group, idempotent, Optional.empty());
  }

  public static ExecCommand of(String... command) {
    return new ExecCommand(List.of(command), Map.of(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** {@code sh -c script}. */
  public static ExecCommand shell(String script) {
    return of("sh", "-c", script);
  }

  public ExecCommand withEnvironment(Map<String, String> newEnvironment) {
    return new ExecCommand(command, newEnvironment, cwd, user, group, idempotent, timeout);
  }

  /** The same command, marked safe to run twice. */
  public ExecCommand markedIdempotent() {
    return new ExecCommand(command, environment, cwd, user, group, true, timeout);
  }

  /** The same command, waited for at most {@code limit}. */
  public ExecCommand withTimeout(java.time.Duration limit) {
    return new ExecCommand(command, environment, cwd, user, group, idempotent, Optional.of(limit));
  }
}
