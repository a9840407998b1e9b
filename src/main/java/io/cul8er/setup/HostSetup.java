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
    List<SetupReport.Line> done = new ArrayList<>();
    List<SetupStep> steps = List.of();
    for (int round = 0; ; round++) {
      steps = SetupPlanner.plan(host.platform(), probe(host, shell));
      List<SetupStep.Run> runs = steps.stream()
          .filter(SetupStep.Run.class::isInstance).map(SetupStep.Run.class::cast).toList();
      if (runs.isEmpty() || round == ROUNDS) {
        break;
      }
      for (SetupStep.Run step : runs) {
        CommandResult result = shell.run(step.command(), STEP_TIMEOUT);
        if (!result.succeeded()) {
          done.add(new SetupReport.Line(SetupReport.Status.FAILED, step.what(),
              "`" + step.command() + "` exited with " + result.exitCode() + ": " + lastLine(result)));
          return new SetupReport(host.name(), shell.describe(), done);
        }
        done.add(new SetupReport.Line(SetupReport.Status.CHANGED, step.what(), step.command()));
      }
    }
    List<SetupReport.Line> lines = new ArrayList<>(done);
    for (SetupStep step : steps) {
      lines.add(line(step));
    }
    return new SetupReport(host.name(), shell.describe(), lines);
  }

  private static SetupReport.Line line(SetupStep step) {
    if (step instanceof SetupStep.Ok ok) {
      return new SetupReport.Line(SetupReport.Status.OK, ok.what(), ok.detail());
    }
    if (step instanceof SetupStep.Manual manual) {
      return new SetupReport.Line(SetupReport.Status.MANUAL, manual.what(), manual.instructions());
    }
    SetupStep.Run run = (SetupStep.Run) step;
    return new SetupReport.Line(SetupReport.Status.FAILED, run.what(), "still needed after " + ROUNDS + " rounds: " + run.command());
  }

  static HostFacts probe(Host host, Shell shell) {
    CommandResult result = shell.run(SetupCommands.probe(socketOf(host)), PROBE_TIMEOUT);
    if (!result.succeeded()) {
      throw new SetupException("Tried to inspect host " + host.name() + " (" + shell.describe() + "), but the probe"
          + " script exited with " + result.exitCode() + ": " + lastLine(result));
    }
    return HostFacts.parse(result.stdout());
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
