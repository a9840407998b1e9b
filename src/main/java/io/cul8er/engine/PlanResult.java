package io.cul8er.engine;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.StateSnapshot;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.ImageUpdate;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;
import io.cul8er.strategy.Recovery;
import io.cul8er.strategy.ReleasePlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan with what it was made from, and how many Incus API requests the refresh took: the
 * instance phase ({@code plan}), the release phase ({@code release}) that follows it, and what
 * becomes of an unfinished rollout the journal holds ({@code recovery}). {@code nextSlots} holds
 * the specs of the next set of each blue-green resource the release phase switches; {@code
 * refreshImages} whether the release phase replaces the instances whose image was updated.
 */
public record PlanResult(
    Plan plan,
    DesiredState desired,
    StateSnapshot prior,
    Observation observed,
    long apiRequests,
    ReleasePlan release,
    Optional<Recovery> recovery,
    Map<String, List<InstanceSpec>> nextSlots,
    boolean refreshImages) {

  public PlanResult {
    nextSlots = Map.copyOf(nextSlots);
  }

  /** A plan whose release phase replaces no instance for an updated image. */
  public PlanResult(Plan plan, DesiredState desired, StateSnapshot prior, Observation observed, long apiRequests,
      ReleasePlan release, Optional<Recovery> recovery, Map<String, List<InstanceSpec>> nextSlots) {
    this(plan, desired, prior, observed, apiRequests, release, recovery, nextSlots, false);
  }

  /** The instances that run an older build of their image and that this run leaves so (no {@code --refresh-images}). */
  public List<ImageUpdate> olderImagesKept() {
    return refreshImages ? List.of() : plan.imageUpdates();
  }

  /** A plan with no release phase. */
  public PlanResult(Plan plan, DesiredState desired, StateSnapshot prior, Observation observed, long apiRequests) {
    this(plan, desired, prior, observed, apiRequests, ReleasePlan.EMPTY, Optional.empty(), Map.of());
  }

  /** Whether applying it changes anything: an instance, an edge, a release, or an unfinished rollout. */
  public boolean hasWork() {
    return plan.hasChanges() || !release.isEmpty() || recovery.isPresent();
  }
}
