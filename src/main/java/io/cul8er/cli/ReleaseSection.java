package io.cul8er.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cul8er.engine.PlanResult;
import io.cul8er.strategy.JournaledRollout;
import io.cul8er.strategy.Recovery;
import io.cul8er.strategy.ReleasePlanJson;

/**
 * What a plan says of the release phase, after the instance actions: how many instances run an
 * older build of their image and are left so (without {@code --refresh-images}), an unfinished
 * rollout the journal holds and what this run does about it, then every release step batch by
 * batch; last, maintenance mode while the state records it on (a deploy keeps it on). The same in
 * {@code --json} under {@code imageUpdates}, {@code pendingRollout}, {@code release} and {@code
 * maintenance}.
 */
final class ReleaseSection {
  private ReleaseSection() {}

  /** {@code topology}: the name the commands it suggests are given. */
  static String render(PlanResult planned, String topology) {
    StringBuilder out = new StringBuilder();
    int older = planned.olderImagesKept().size();
    if (older > 0) {
      out.append("\nNote: ").append(older).append(" instance(s) run an older build of their image than its alias names"
          + " now; they are left as they are. `cul8er deploy ").append(topology)
          .append(" --refresh-images` replaces them through the strategy.\n");
    }
    planned.recovery().ifPresent(recovery -> {
      out.append("\nUnfinished ").append(recovery.pending().summary()).append(".\n");
      out.append(recovery.decision()).append('\n');
      if (recovery.undoesFirst() && !recovery.undo().isEmpty()) {
        out.append("\nUndo of rollout ").append(recovery.pending().id()).append(", first:\n")
            .append(recovery.undo().describe());
      }
    });
    if (!planned.release().isEmpty()) {
      out.append("\nRelease steps, in order (phases one after another, the lines of a phase at the same time):\n")
          .append(planned.release().describe());
    }
    planned.prior().maintenance().ifPresent(m -> out.append("\nmaintenance: ").append(m.describe())
        .append(" (deploys keep it; cul8er maintenance off ").append(topology).append(" ends it)\n"));
    return out.toString();
  }

  static void addTo(ObjectNode root, PlanResult planned) {
    root.set("release", ReleasePlanJson.tree(planned.release()));
    planned.recovery().ifPresentOrElse(recovery -> root.set("pendingRollout", pending(root, recovery)),
        () -> root.putNull("pendingRollout"));
    planned.prior().maintenance().ifPresentOrElse(m -> root.putObject("maintenance").put("since", m.since().toString())
        .put("message", m.message()).put("retryAfterSeconds", m.retryAfter().toSeconds()),
        () -> root.putNull("maintenance"));
  }

  private static ObjectNode pending(ObjectNode root, Recovery recovery) {
    JournaledRollout rollout = recovery.pending();
    ObjectNode node = root.objectNode();
    node.put("id", rollout.id());
    node.put("operation", rollout.header().operation());
    node.put("begun", rollout.begun().toString());
    node.put("by", rollout.header().by());
    ObjectNode targets = node.putObject("targets");
    rollout.header().targets().forEach(targets::put);
    node.put("stepsDone", rollout.finishedCount());
    node.put("steps", rollout.plan().steps().size());
    node.put("stoppedAt", rollout.stoppedAt());
    rollout.awaiting().ifPresentOrElse(held -> {
      node.put("decision", "await-promotion");
      ObjectNode awaiting = node.putObject("awaitingPromotion");
      awaiting.put("resource", held.step().resource());
      awaiting.put("version", held.step().version());
      held.step().canaries().forEach(awaiting.putArray("canaries")::add);
      awaiting.put("percent", held.step().percent());
      awaiting.put("since", held.since().toString());
    }, () -> node.put("decision", recovery.undoesFirst() ? "undo" : "finish"));
    node.set("undo", ReleasePlanJson.tree(recovery.undo()));
    return node;
  }
}
