package io.cul8er.strategy;

import io.cul8er.model.Approach;
import io.cul8er.model.Strategy;
import io.cul8er.plan.ImageUpdate;
import java.util.List;
import java.util.Optional;

/**
 * The instances of one resource that run an older build of its image than its alias names now,
 * to be replaced by new ones from the updated build ({@code deploy --refresh-images}), in the
 * strategy's batches. {@code version} is the release they run again, when the resource deploys
 * one; {@code canary} whether the first batch is a canary (a release served by the edge, with a
 * canary strategy); a resource without a release is replaced one batch of {@code batch_size} at
 * a time whatever the approach.
 */
public record ImageRefresh(String resource, String image, Optional<String> version, Strategy strategy,
    boolean canary, List<ImageUpdate> targets) {

  public ImageRefresh {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("An image refresh of " + resource + " needs at least one instance");
    }
  }

  public List<List<ImageUpdate>> batches() {
    return canary ? Rollout.batchesOf(strategy, targets) : Rollout.partition(targets, strategy.batchSize());
  }

  /** The traffic steps (percent to the canaries) after the first batch; empty unless a canary. */
  public List<Integer> canarySteps() {
    return canary && strategy.approach() == Approach.CANARY ? strategy.canary().steps() : List.of();
  }

  /** e.g. {@code replace web from the updated build of cul8er/userland (hello-web 1.0.0): 3 batches of up to 1}. */
  public String describe() {
    List<List<ImageUpdate>> batches = batches();
    String shape = !canarySteps().isEmpty()
        ? batches.get(0).size() + " canary, traffic " + String.join(" -> ", canarySteps().stream()
            .map(p -> p + "%").toList()) + ", then the rest"
        : batches.size() + (batches.size() == 1 ? " batch" : " batches") + " of up to " + strategy.batchSize();
    return "replace " + resource + " from the updated build of " + image + version.map(v -> " (release " + v + ")")
        .orElse("") + ": " + shape;
  }
}
