package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.engine.PlanResult;
import io.cul8er.plan.ImageUpdate;
import io.cul8er.plan.Plan;
import io.cul8er.strategy.ReleasePlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What plan and deploy say of instances that run an older build of their image. */
class ReleaseSectionTest {
  private static PlanResult planned(boolean refresh) {
    List<ImageUpdate> updates = List.of(
        new ImageUpdate("hello-web-1", "web", "local", "cul8er/userland", "ba496ecebb03aa", "5d1e2a9b7c3fbb"),
        new ImageUpdate("hello-web-2", "web", "local", "cul8er/userland", "ba496ecebb03aa", "5d1e2a9b7c3fbb"));
    Plan plan = new Plan("hello", "lineage", 3, "sha256:x", List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), updates);
    return new PlanResult(plan, null, null, null, 2, ReleasePlan.EMPTY, Optional.empty(), Map.of(), refresh);
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
}
