package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.ApplyResult;
import io.cul8er.engine.Operation;
import io.cul8er.engine.PlanResult;
import io.cul8er.plan.PlanRenderer;
import io.cul8er.plan.SavedPlan;
import java.io.PrintWriter;
import java.util.Optional;

/** What apply, deploy and destroy share: show the plan, ask, execute with live progress, report. */
final class ApplyRun {
  private ApplyRun() {}

  static int run(Deployment deployment, Operation operation, Optional<SavedPlan> saved, boolean askFirst,
      PrintWriter out, PrintWriter err) {
    boolean live = Terminal.interactive();
    PlanRenderer renderer = live ? PlanRenderer.color() : PlanRenderer.plain();
    // The instances the agent keeps out of the edges: a deploy leaves them out, and says so.
    String keptOut = AgentSection.planText(AgentSection.read(deployment.state()));
    try (Interruptions interruptions = new Interruptions(err)) {
      ApplyResult result =
          deployment.run(
              operation,
              saved,
              planned -> approve(planned, renderer, askFirst, operation.word(), out, err, keptOut),
              new ProgressPrinter(out, live),
              interruptions.cancellation());
      int code = ApplyReport.print(result, capitalized(operation.word()), out, err);
      return code == Interruptions.HALTED ? interruptions.exitCode() : code;
    }
  }

  private static boolean approve(PlanResult planned, PlanRenderer renderer, boolean askFirst, String operation,
      PrintWriter out, PrintWriter err, String keptOut) {
    out.print(renderer.render(planned.plan()));
    out.print(ReleaseSection.render(planned, planned.plan().topology()));
    out.print(keptOut);
    out.flush();
    return !askFirst || Confirmation.onStandardInput(err).approve("perform these actions (" + operation + ")");
  }

  private static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
