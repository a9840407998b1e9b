package io.cul8er.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.JournalRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the journal's view says is unfinished when runs that took a rollout over died too. */
class RolloutJournalViewTest {
  private static final Instant AT = Instant.parse("2026-12-07T11:47:46Z");
  private static final JournaledRollout.Header HEADER =
      new JournaledRollout.Header("deploy", "root@ci pid 42", Map.of("web", "1.1.0"));

  @Test
  void aRunThatTookAnUnfinishedRolloutOverAndDiedLeavesBothUnfinishedTheNewestPending() {
    RolloutJournalCodec.View view = RolloutJournalCodec.read(List.of(
        begun("r0"), RolloutJournalCodec.ended("r0", AT, "completed", ""),
        begun("r1"), RolloutJournalCodec.step("r1", AT, false, JournaledRollout.Status.FAILED, 3, "unhealthy"),
        begun("r2"), RolloutJournalCodec.step("r2", AT, false, JournaledRollout.Status.STARTED, 0, "")));

    assertThat(view.unfinished()).extracting(JournaledRollout::id).containsExactly("r1", "r2");
    assertThat(view.pending()).map(JournaledRollout::id).contains("r2");
  }

  @Test
  void nothingIsUnfinishedOnceEveryRolloutEnded() {
    RolloutJournalCodec.View view = RolloutJournalCodec.read(List.of(
        begun("r1"), begun("r2"), RolloutJournalCodec.ended("r2", AT, "superseded", "finished by rollout r3"),
        RolloutJournalCodec.ended("r1", AT, "superseded", "finished by rollout r3")));

    assertThat(view.unfinished()).isEmpty();
    assertThat(view.pending()).isEmpty();
  }

  private static JournalRecord begun(String id) {
    return RolloutJournalCodec.begun(id, AT, HEADER, ReleasePlan.EMPTY);
  }
}
