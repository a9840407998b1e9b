package io.cul8er.cli;

import io.cul8er.engine.ApplyResult;
import io.cul8er.engine.InstanceFailure;
import io.cul8er.plan.Plan;
import java.io.PrintWriter;

/** The closing lines of apply, deploy and destroy, and their exit code. */
final class ApplyReport {
  private ApplyReport() {}

  static int print(ApplyResult result, String verb, PrintWriter out, PrintWriter err) {
    return print(result, verb, true, out, err);
  }

  /** {@code countsInstances} false: the run changes no instance but through its rollout (a promote). */
  static int print(ApplyResult result, String verb, boolean countsInstances, PrintWriter out, PrintWriter err) {
    Plan.Summary s = result.plan().summary();
    String took = ProgressPrinter.seconds(result.took().toMillis());
    if (!result.report().isEmpty() || result.report().rollback().isPresent()) {
      out.print("\n" + result.report().render());
    }
    switch (result.outcome()) {
      case NO_CHANGES -> out.println("\nNo changes. " + result.plan().topology() + " matches its topology.");
      case DECLINED -> { }
      case SUCCEEDED -> out.printf(countsInstances ? "%n%s complete in %s: %d added, %d changed, %d replaced,"
          + " %d destroyed.%n" : "%n%s complete in %s: the rollout is finished.%n",
          verb, took, s.add(), s.change(), s.replace(), s.destroy());
      case AWAITING_PROMOTION -> out.printf("%n%s stopped after %s: %s.%n", verb, took,
          result.awaitingPromotion().orElseThrow());
      case FAILED, INTERRUPTED -> {
        err.printf("%n%s %s after %s. The state records what exists now (serial %d); %s.%n",
            verb, result.outcome() == ApplyResult.Outcome.FAILED ? "failed" : "was interrupted", took,
            result.state().serial(), result.pendingRollout()
                .map(id -> "rollout " + id + " is unfinished: `cul8er deploy " + result.plan().topology()
                    + "` finishes it, `cul8er rollback " + result.plan().topology() + "` undoes it")
                .orElse("run it again to converge"));
        result.interruptedBecause().ifPresent(why -> err.println("  " + why));
        for (InstanceFailure failure : result.failures()) {
          err.println("  " + failure.instance() + " on " + failure.host() + ": " + failure.step() + ": " + failure.reason());
        }
      }
    }
    out.flush();
    err.flush();
    if (result.outcome() == ApplyResult.Outcome.INTERRUPTED) {
      return result.pendingRollout().isPresent() ? ExitCodes.ROLLOUT_PENDING : Interruptions.HALTED;
    }
    if (result.outcome() == ApplyResult.Outcome.FAILED && result.pendingRollout().isPresent()) {
      return ExitCodes.ROLLOUT_PENDING;
    }
    return result.ok() ? ExitCodes.OK : ExitCodes.USER_ERROR;
  }
}
