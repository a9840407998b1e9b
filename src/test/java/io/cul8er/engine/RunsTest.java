package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.Dsl;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a run says of its release phase: never more than happened. */
class RunsTest {
  private static final Topology HELLO = Dsl.parse("h.cul8", "topology :hello do\n host :local do\n"
      + "  address \"localhost\"\n end\nend\n").topology("hello").orElseThrow();
  private static final StateSnapshot STATE = new StateSnapshot(StateSnapshot.FORMAT_VERSION, "l", 1, "hello",
      Instant.EPOCH, List.of());

  private static ReleaseOutcome.Undo undo(List<String> problems) {
    return new ReleaseOutcome.Undo(List.of("hello-web-1"), problems, 4, Duration.ofMillis(1800), List.of());
  }

  private static String reason(ReleaseOutcome outcome) {
    Runs.Release release = Runs.release(HELLO,
        new ReleasePhase.Result(Optional.empty(), Optional.of(outcome), Map.of()), STATE);
    return release.failures().get(0).reason();
  }

  @Test
  void rolledBackIsSaidOnlyWhenEveryUndoStepSucceeded() {
    assertThat(reason(new ReleaseOutcome.Failed("check hello-web-2: unhealthy", Optional.of(undo(List.of())),
        List.of()))).isEqualTo("The deploy failed and was rolled back: check hello-web-2: unhealthy");
    assertThat(reason(new ReleaseOutcome.Failed("check hello-web-2: unhealthy",
        Optional.of(undo(List.of("restore hello-web-1 to 1.0.0: Incus stopped answering"))), List.of())))
        .isEqualTo("The deploy failed: check hello-web-2: unhealthy. The rollback did not finish: restore hello-web-1"
            + " to 1.0.0: Incus stopped answering. The rollout is left unfinished in the journal (`cul8er rollout"
            + " status hello`): `cul8er deploy hello` finishes it, `cul8er rollback hello` undoes it.");
  }

  @Test
  void aManualRollbackSaysNothingWasUndoneAndWhatFinishesIt() {
    assertThat(reason(new ReleaseOutcome.Failed("check hello-web-1: unhealthy", Optional.empty(), List.of())))
        .isEqualTo("check hello-web-1: unhealthy. Nothing was rolled back (on_failure :manual). The rollout is left"
            + " unfinished in the journal (`cul8er rollout status hello`): `cul8er deploy hello` finishes it,"
            + " `cul8er rollback hello` undoes it.");
  }

  @Test
  void anInterruptionIsNoFailureAndNamesWhereItStopped() {
    Runs.Release release = Runs.release(HELLO, new ReleasePhase.Result(Optional.empty(),
        Optional.of(new ReleaseOutcome.Interrupted("interrupted by SIGINT", "batch 2/3 of web", List.of())), Map.of()),
        STATE);

    assertThat(release.failures()).isEmpty();
    assertThat(release.interrupted()).isTrue();
    assertThat(release.interruption()).startsWith("interrupted by SIGINT; stopped before `batch 2/3 of web`. The"
        + " rollout is left unfinished");
  }
}
