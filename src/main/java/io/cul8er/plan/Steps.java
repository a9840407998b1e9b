package io.cul8er.plan;

import io.cul8er.model.InstanceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to execute a plan: hosts are independent; on each host the batches run one after the other
 * and the sequences inside a batch run in parallel, each sequence in order. Removals come first,
 * so a port an old instance listens on is free before a new instance claims it, and with them the
 * copies of the images the host lacks, so they are there before the instances made from them.
 * Instances that change host ({@link Move}) have no steps here: the release phase moves them.
 */
public record Steps(List<HostSchedule> hosts) {

  public Steps {
    hosts = List.copyOf(hosts);
  }

  public record HostSchedule(String host, List<Batch> batches) {
    public HostSchedule {
      batches = List.copyOf(batches);
    }
  }

  /** Sequences that may run at the same time. */
  public record Batch(List<Sequence> sequences) {
    public Batch {
      sequences = List.copyOf(sequences);
    }
  }

  /** The steps of one instance, in order. */
  public record Sequence(String instance, List<Step> steps) {
    public Sequence {
      steps = List.copyOf(steps);
    }
  }

  public static Steps of(Plan plan) {
    Map<String, List<List<Sequence>>> byHost = new TreeMap<>();
    for (ImageCopy copy : plan.imageCopies()) {
      Step step = new Step.CopyImage(copy);
      batches(byHost, copy.host()).get(0).add(new Sequence(step.instance(), List.of(step)));
    }
    for (Change change : plan.changes()) {
      List<Step> steps = steps(change);
      if (steps.isEmpty()) {
        continue;
      }
      boolean removal = change.action() == Action.DELETE || change.action() == Action.FORGET;
      batches(byHost, change.host()).get(removal ? 0 : 1).add(new Sequence(change.instance(), steps));
    }
    List<HostSchedule> hosts = new ArrayList<>();
    byHost.forEach(
        (host, batches) ->
            hosts.add(
                new HostSchedule(
                    host, batches.stream().filter(b -> !b.isEmpty()).map(Batch::new).toList())));
    return new Steps(hosts);
  }

  /** The host's two batches: removals and image copies first, then the rest. */
  private static List<List<Sequence>> batches(Map<String, List<List<Sequence>>> byHost, String host) {
    return byHost.computeIfAbsent(host, h -> List.of(new ArrayList<>(), new ArrayList<>()));
  }

  public boolean isEmpty() {
    return hosts.isEmpty();
  }

  /** One line per sequence, grouped by host and batch; what tests and {@code --verbose} show. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (HostSchedule host : hosts) {
      out.append(host.host()).append(":\n");
      for (int i = 0; i < host.batches().size(); i++) {
        out.append("  ").append(i + 1).append(". in parallel:\n");
        for (Sequence sequence : host.batches().get(i).sequences()) {
          out.append("     ").append(sequence.instance()).append(": ");
          out.append(String.join(", ", sequence.steps().stream().map(Step::describe).toList()));
          out.append('\n');
        }
      }
    }
    return out.toString();
  }

  private static List<Step> steps(Change change) {
    String name = change.instance();
    List<Step> steps = new ArrayList<>();
    if (change.reason().movesInReleasePhase()) {
      return steps; // the release phase moves it, the new instance (or blue-green set) first
    }
    switch (change.action()) {
      case CREATE -> created(steps, spec(change));
      case REPLACE -> {
        steps.add(new Step.DeleteInstance(name));
        created(steps, spec(change));
      }
      case UPDATE -> {
        if (!Attributes.onlyRelease(change.attributes())) {
          steps.add(new Step.UpdateInstance(spec(change)));
        }
        if (!change.before().orElseThrow().isRunning()) {
          started(steps, name);
        }
      }
      case START -> started(steps, name);
      case DELETE -> steps.add(new Step.DeleteInstance(name));
      case FORGET -> steps.add(new Step.ForgetInstance(name));
      case NO_OP -> {
        // nothing to do in Incus
      }
    }
    boolean recordedByStep = change.action() != Action.NO_OP && change.action() != Action.START;
    if (change.reason() == Reason.ADOPTED && !recordedByStep) {
      steps.add(new Step.RecordInstance(spec(change)));
    }
    return steps;
  }

  private static InstanceSpec spec(Change change) {
    return change.after().orElseThrow().spec();
  }

  private static void created(List<Step> steps, InstanceSpec spec) {
    steps.add(new Step.CreateInstance(spec));
    started(steps, spec.instanceName());
  }

  private static void started(List<Step> steps, String name) {
    steps.add(new Step.StartInstance(name));
    steps.add(new Step.WaitRunning(name));
  }
}
