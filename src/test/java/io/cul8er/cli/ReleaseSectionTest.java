package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.engine.PlanResult;
import io.cul8er.model.Maintenance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.plan.ImageUpdate;
import io.cul8er.plan.Plan;
import io.cul8er.strategy.ReleasePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What plan and deploy say of instances that run an older build of their image, and of maintenance mode. */
class ReleaseSectionTest {
  private static PlanResult planned(boolean refresh) {
    return planned(refresh, Optional.empty());
  }

  private static PlanResult planned(boolean refresh, Optional<Maintenance> maintenance) {
    List<ImageUpdate> updates = List.of(
        new ImageUpdate("hello-web-1", "web", "local", "cul8er/userland", "ba496ecebb03aa", "5d1e2a9b7c3fbb"),
        new ImageUpdate("hello-web-2", "web", "local", "cul8er/userland", "ba496ecebb03aa", "5d1e2a9b7c3fbb"));
    Plan plan = new Plan("hello", "lineage", 3, "sha256:x", List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), updates);
    StateSnapshot prior = new StateSnapshot(1, "lineage", 3, "hello", Instant.parse("2026-12-07T17:00:00Z"), List.of(),
        Map.of(), maintenance);
    return new PlanResult(plan, null, prior, null, 2, ReleasePlan.EMPTY, Optional.empty(), Map.of(), refresh);
  }

  @Test
  void withoutTheFlagTheOutputCountsTheInstancesLeftOnTheOlderBuildAndNamesTheFlag() {
    assertThat(ReleaseSection.render(planned(false), "hello")).isEqualTo("\nNote: 2 instance(s) run an older build"
        + " of their image than its alias names now; they are left as they are. `cul8er deploy hello"
        + " --refresh-images` replaces them through the strategy.\n");
  }

  @Test
  void withTheFlagThereIsNoNote() {
    assertThat(ReleaseSection.render(planned(true), "hello")).isEmpty();
  }

  @Test
  void maintenanceModeComesLastWithHowToEndIt() {
    Maintenance on = new Maintenance(Instant.parse("2026-12-07T18:00:00Z"), "Back at 5.", Duration.ofSeconds(300));

    assertThat(ReleaseSection.render(planned(true, Optional.of(on)), "hello")).isEqualTo("\nmaintenance: on since"
        + " 2026-12-07T18:00:00Z, Retry-After 300s, message \"Back at 5.\" (deploys keep it; cul8er maintenance off"
        + " hello ends it)\n");
  }
}
