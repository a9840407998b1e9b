package io.cul8er.strategy;

import io.cul8er.model.Approach;
import io.cul8er.model.Release;
import io.cul8er.model.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How one resource's running instances move to a new release version: the strategy's batches, in
 * order. Pure description; the engine's rollout runner does it.
 *
 * <ul>
 *   <li>rolling: batches of {@code batch_size};
 *   <li>canary: first the canary instances (one batch, then traffic shifted to them in the
 *       configured steps), then the others in batches of {@code batch_size};
 *   <li>blue-green: one batch holding every instance, switched in the edge at once.
 * </ul>
 */
public record Rollout(String resource, Release release, Strategy strategy, List<RolloutTarget> targets) {

  public Rollout {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("A rollout of " + resource + " needs at least one instance");
    }
  }

  public String toVersion() {
    return release.version();
  }

  public Approach approach() {
    return strategy.approach();
  }

  public List<List<RolloutTarget>> batches() {
    return batchesOf(strategy, targets);
  }

  /** {@code targets} in the strategy's batches (see the class comment). */
  static <T> List<List<T>> batchesOf(Strategy strategy, List<T> targets) {
    return switch (strategy.approach()) {
      case ROLLING -> partition(targets, strategy.batchSize());
      case BLUE_GREEN -> List.of(targets);
      case CANARY -> {
        int canaries = Math.min(strategy.canary().instances(), targets.size());
        List<List<T>> batches = new ArrayList<>();
        batches.add(targets.subList(0, canaries));
        batches.addAll(partition(targets.subList(canaries, targets.size()), strategy.batchSize()));
        yield List.copyOf(batches);
      }
    };
  }

  /** The traffic steps (percent to the canary) after the first batch; empty unless canary. */
  public List<Integer> canarySteps() {
    return strategy.approach() == Approach.CANARY ? strategy.canary().steps() : List.of();
  }

  /** One line for plans and reports, e.g. {@code rolling hello-web 1.0.0 -> 1.1.0: 3 batches of 1}. */
  public String describe() {
    String from = targets.stream().map(RolloutTarget::fromVersion).distinct().sorted()
        .collect(Collectors.joining(", "));
    List<List<RolloutTarget>> batches = batches();
    String shape = switch (strategy.approach()) {
      case ROLLING -> batches.size() + (batches.size() == 1 ? " batch" : " batches") + " of up to " + strategy.batchSize();
      case BLUE_GREEN -> "all " + targets.size() + " switched at once";
      case CANARY -> batches.get(0).size() + " canary, traffic " + canarySteps().stream()
          .map(p -> p + "%").collect(Collectors.joining(" -> ")) + ", then the rest";
    };
    return strategy.approach().name().toLowerCase().replace('_', '-') + " " + release.name() + " "
        + from + " -> " + release.version() + " on " + resource + ": " + shape;
  }

  static <T> List<List<T>> partition(List<T> list, int size) {
    List<List<T>> batches = new ArrayList<>();
    for (int i = 0; i < list.size(); i += size) {
      batches.add(List.copyOf(list.subList(i, Math.min(list.size(), i + size))));
    }
    return List.copyOf(batches);
  }
}
