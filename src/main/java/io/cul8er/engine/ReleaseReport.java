package io.cul8er.engine;

import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.strategy.ReleaseStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deploy report's lines from the steps that ran: per instance, each kind of step with the time
 * it took, the versions it went from and to, where it ended (as the state records it), and what
 * its health check said.
 */
final class ReleaseReport {
  private ReleaseReport() {}

  static List<DeployReport.InstanceLine> lines(List<ReleaseRunner.StepTiming> timings, StateSnapshot state) {
    Map<String, Line> lines = new LinkedHashMap<>();
    for (ReleaseRunner.StepTiming timing : timings) {
      ReleaseStep step = timing.step();
      if (step.host().isEmpty() || step instanceof ReleaseStep.EnsureEdge) {
        continue;
      }
      Line line = lines.computeIfAbsent(step.subject(), s -> new Line(step.host()));
      line.phases.merge(phase(step), timing.took(), Duration::plus);
      if (step instanceof ReleaseStep.Activate a) {
        line.from = a.fromVersion();
        line.to = a.version();
      } else if (step instanceof ReleaseStep.Install i) {
        line.to = i.version();
      } else if (step instanceof ReleaseStep.Restart r && line.to.isEmpty()) {
        line.from = r.version();
        line.to = r.version();
      }
      if (step instanceof ReleaseStep.AwaitHealthy) {
        line.health = timing.succeeded() ? "healthy" : "unhealthy";
      } else if (!timing.succeeded()) {
        line.health = "failed";
      }
    }
    List<DeployReport.InstanceLine> result = new ArrayList<>();
    lines.forEach((instance, line) -> {
      String now = state.instance(instance).flatMap(RecordedInstance::version).orElse("");
      result.add(new DeployReport.InstanceLine(instance, line.host, line.from, line.to, now, line.phases, line.health));
    });
    return result;
  }

  /** The report's name of a step: {@code drain}, {@code snapshot}, {@code switch}, {@code health}... */
  static String phase(ReleaseStep step) {
    if (step instanceof ReleaseStep.RunHook hook) {
      return hook.hook();
    }
    String name = step.getClass().getSimpleName();
    return switch (name) {
      case "Activate" -> "switch";
      case "AwaitHealthy" -> "health";
      case "CreateSlotInstance", "CreateReplacement", "CreateMoved" -> "create";
      case "HandOver" -> "hand over";
      case "DeleteMovedAway" -> "delete old";
      case "DeleteMovedIn" -> "delete new";
      case "SetAside" -> "set aside";
      case "DeleteAside" -> "delete old";
      case "PutBack" -> "put back";
      case "DeleteReplacement" -> "delete new";
      case "AddToEdge" -> "edge";
      case "PruneSnapshots" -> "prune";
      case "RestoreSnapshot" -> "restore";
      default -> name.toLowerCase();
    };
  }

  /** One instance's line, built up step by step. */
  private static final class Line {
    final String host;
    final Map<String, Duration> phases = new LinkedHashMap<>();
    String from = "";
    String to = "";
    String health = "not checked";

    Line(String host) {
      this.host = host;
    }
  }
}
