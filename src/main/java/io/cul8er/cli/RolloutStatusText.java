package io.cul8er.cli;

import io.cul8er.strategy.JournaledRollout;
import io.cul8er.strategy.ReleasePlan;
import io.cul8er.strategy.ReleaseStep;
import java.util.List;
import java.util.Map;

/** {@code cul8er rollout status}: the unfinished rollout, every step marked with how far it got. */
final class RolloutStatusText {
  private RolloutStatusText() {}

  static String render(String topology, JournaledRollout rollout) {
    StringBuilder out = new StringBuilder();
    out.append("Unfinished ").append(rollout.summary()).append(".\n\n");
    steps(out, rollout.plan(), rollout.steps());
    rollout.undo().ifPresent(undo -> {
      out.append("\nUndo begun after the failure:\n");
      steps(out, undo, rollout.undoSteps());
    });
    out.append("\n`cul8er deploy ").append(topology).append("` finishes it (or undoes it first, when the topology")
        .append(" now wants other versions); `cul8er rollback ").append(topology).append("` undoes it;")
        .append(" `cul8er rollout abandon ").append(topology).append("` forgets it once you have repaired things.\n");
    return out.toString();
  }

  private static void steps(StringBuilder out, ReleasePlan plan, Map<Integer, JournaledRollout.StepRecord> records) {
    for (int p = 0; p < plan.phases().size(); p++) {
      ReleasePlan.Phase phase = plan.phases().get(p);
      out.append("  ").append(p + 1).append(". ").append(phase.title()).append(":\n");
      for (int s = 0; s < phase.sequences().size(); s++) {
        List<ReleasePlan.Numbered> steps = plan.numbered(p, s);
        for (ReleasePlan.Numbered numbered : steps) {
          ReleaseStep step = numbered.step();
          JournaledRollout.StepRecord record = records.get(numbered.index());
          out.append("       [").append(mark(record)).append("] ").append(step.describe());
          if (record != null && record.status() == JournaledRollout.Status.FAILED && !record.detail().isBlank()) {
            out.append(": ").append(record.detail());
          }
          out.append('\n');
        }
      }
    }
  }

  private static String mark(JournaledRollout.StepRecord record) {
    if (record == null) {
      return "    ";
    }
    return switch (record.status()) {
      case FINISHED -> "done";
      case FAILED -> "FAIL";
      case STARTED -> "....";
    };
  }
}
