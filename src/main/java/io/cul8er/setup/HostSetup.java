package io.cul8er.setup;

import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.ssh.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares one host: probe, plan, run what is missing, probe again, until nothing is left to run
 * (at most {@value #ROUNDS} rounds of running, each judged by the probe after it). Running it
 * again on a ready host changes nothing.
 */
public final class HostSetup {
  static final int ROUNDS = 3;
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
  static final Duration STEP_TIMEOUT = Duration.ofMinutes(15);

  private HostSetup() {}

  public static SetupReport run(Host host, Shell shell) {
    return run(host, shell, "");
  }

  /** Prepares {@code host} for {@code deployUser}, who deploys log in as (blank: the login user). */
  public static SetupReport run(Host host, Shell shell, String deployUser) {
    return run(host, shell, deployUser, false);
  }

  /** {@link #run(Host, Shell, String)}, with the host's edge service when {@code edge}. */
  public static SetupReport run(Host host, Shell shell, String deployUser, boolean edge) {
    List<SetupReport.Line> done = new ArrayList<>();
    List<SetupStep> steps = List.of();
    for (int round = 0; ; round++) {
      String probed = probe(host, shell, deployUser, List.of());
      steps = SetupPlanner.plan(host.platform(), HostFacts.parse(probed),
          edge ? java.util.Optional.of(EdgeFacts.parse(probed)) : java.util.Optional.empty());
      List<SetupStep.Run> runs = runs(steps);
      if (runs.isEmpty() || round == ROUNDS) {
        break;
      }
      if (!runAll(runs, shell, done)) {
        return new SetupReport(host.name(), shell.describe(), done);
      }
    }
    List<SetupReport.Line> lines = new ArrayList<>(done);
    steps.forEach(step -> lines.add(line(step)));
    return new SetupReport(host.name(), shell.describe(), lines);
  }

  static List<SetupStep.Run> runs(List<SetupStep> steps) {
    return steps.stream().filter(SetupStep.Run.class::isInstance).map(SetupStep.Run.class::cast).toList();
  }

  /** Runs {@code runs} in order, a line each in {@code done}; false when one failed, which stops the rest. */
  static boolean runAll(List<SetupStep.Run> runs, Shell shell, List<SetupReport.Line> done) {
    for (SetupStep.Run step : runs) {
      CommandResult result = shell.run(step.command(), STEP_TIMEOUT);
      if (!result.succeeded()) {
        done.add(new SetupReport.Line(SetupReport.Status.FAILED, step.what(),
            "`" + step.command() + "` exited with " + result.exitCode() + ": " + lastLine(result)));
        return false;
      }
      done.add(new SetupReport.Line(SetupReport.Status.CHANGED, step.what(), shortened(step.command())));
    }
    return true;
  }

  static final int LONGEST_COMMAND = 200;

  /**
   * A command as the report shows it: whole when short and on one line; else its start and its
   * length (the edge service's install carries a unit file and a configuration).
   */
  static String shortened(String command) {
    if (command.length() <= LONGEST_COMMAND && !command.contains("\n")) {
      return command;
    }
    String start = command.lines().findFirst().orElse("");
    start = start.length() > LONGEST_COMMAND - 40 ? start.substring(0, LONGEST_COMMAND - 40) : start;
    return start + " ... (" + command.length() + " characters)";
  }

  /** How a step left after the last round is reported. */
  static SetupReport.Line line(SetupStep step) {
    if (step instanceof SetupStep.Ok ok) {
      return new SetupReport.Line(SetupReport.Status.OK, ok.what(), ok.detail());
    }
    if (step instanceof SetupStep.Manual manual) {
      return new SetupReport.Line(SetupReport.Status.MANUAL, manual.what(), manual.instructions());
    }
    SetupStep.Run run = (SetupStep.Run) step;
    return new SetupReport.Line(SetupReport.Status.FAILED, run.what(), "still needed after " + ROUNDS + " rounds: " + run.command());
  }

  /** What the probe script prints on {@code host}, asked about {@code peers} too. */
  static String probe(Host host, Shell shell, String deployUser, List<String> peers) {
    CommandResult result = shell.run(SetupCommands.probe(socketOf(host), deployUser, peers), PROBE_TIMEOUT);
    if (!result.succeeded()) {
      throw new SetupException("Tried to inspect host " + host.name() + " (" + shell.describe() + "), but the probe"
          + " script exited with " + result.exitCode() + ": " + lastLine(result));
    }
    return result.stdout();
  }

  /** The Incus socket the host's connection uses. */
  static String socketOf(Host host) {
    if (host.connection() instanceof Connection.Ssh ssh) {
      return ssh.remoteSocket();
    }
    if (host.connection() instanceof Connection.LocalSocket local) {
      return local.socketPath();
    }
    return Connection.DEFAULT_SOCKET;
  }

  private static String lastLine(CommandResult result) {
    String text = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
    int newline = text.lastIndexOf('\n');
    return newline < 0 ? text : text.substring(newline + 1);
  }
}
