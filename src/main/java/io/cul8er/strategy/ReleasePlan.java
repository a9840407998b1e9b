package io.cul8er.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The release phase of a deploy as data: phases run one after the other; the sequences of a phase
 * run at the same time, each one's steps in order. Every step has an index, its position in
 * {@link #steps()}, by which the journal refers to it.
 */
public record ReleasePlan(List<Phase> phases) {
  public static final ReleasePlan EMPTY = new ReleasePlan(List.of());

  public ReleasePlan {
    phases = phases.stream().filter(p -> !p.sequences().isEmpty()).toList();
  }

  /** Sequences that may run at the same time, e.g. one batch of a rolling update. */
  public record Phase(String title, List<Sequence> sequences) {
    public Phase {
      sequences = sequences.stream().filter(s -> !s.steps().isEmpty()).toList();
    }

    public static Phase of(String title, List<Sequence> sequences) {
      return new Phase(title, sequences);
    }

    /** A phase of one sequence holding one step. */
    public static Phase single(String title, ReleaseStep step) {
      return new Phase(title, List.of(new Sequence(step.subject(), List.of(step))));
    }

    int size() {
      return sequences.stream().mapToInt(s -> s.steps().size()).sum();
    }
  }

  /** The steps of one instance (or resource), in order. */
  public record Sequence(String subject, List<ReleaseStep> steps) {
    public Sequence {
      steps = List.copyOf(steps);
    }
  }

  /** A step with its index in the plan. */
  public record Numbered(int index, ReleaseStep step) {}

  public boolean isEmpty() {
    return phases.isEmpty();
  }

  /** Every step, in order: the index of a step is its position here. */
  public List<ReleaseStep> steps() {
    List<ReleaseStep> all = new ArrayList<>();
    phases.forEach(p -> p.sequences().forEach(s -> all.addAll(s.steps())));
    return List.copyOf(all);
  }

  /** The steps of sequence {@code sequence} of phase {@code phase}, with their indexes. */
  public List<Numbered> numbered(int phase, int sequence) {
    int index = 0;
    for (int p = 0; p < phase; p++) {
      index += phases.get(p).size();
    }
    List<Sequence> sequences = phases.get(phase).sequences();
    for (int s = 0; s < sequence; s++) {
      index += sequences.get(s).steps().size();
    }
    List<Numbered> numbered = new ArrayList<>();
    for (ReleaseStep step : sequences.get(sequence).steps()) {
      numbered.add(new Numbered(index++, step));
    }
    return numbered;
  }

  /** The phase that holds step {@code index}. */
  public int phaseOf(int index) {
    int first = 0;
    for (int p = 0; p < phases.size(); p++) {
      first += phases.get(p).size();
      if (index < first) {
        return p;
      }
    }
    throw new IllegalArgumentException("No step " + index + " in a plan of " + first + " steps");
  }

  /** This plan's phases followed by {@code next}'s. */
  public ReleasePlan then(ReleasePlan next) {
    List<Phase> all = new ArrayList<>(phases);
    all.addAll(next.phases());
    return new ReleasePlan(all);
  }

  /**
   * What undoes the steps with the given indexes: phases in reverse order, each sequence's started
   * steps undone from the last to the first. A sequence undone runs at the same time as the other
   * sequences of its phase, as it did forward. Steps of a subject before a started step that
   * {@link ReleaseStep#commits commits} it are final and not undone.
   */
  public ReleasePlan undo(Set<Integer> started) {
    java.util.Map<String, Integer> committed = new java.util.HashMap<>();
    List<ReleaseStep> all = steps();
    for (int index : started) {
      ReleaseStep step = all.get(index);
      if (step.commits()) {
        committed.merge(step.subject(), index, Math::max);
      }
    }
    List<Phase> undone = new ArrayList<>();
    for (int p = phases.size() - 1; p >= 0; p--) {
      Phase phase = phases.get(p);
      List<Sequence> sequences = new ArrayList<>();
      for (int s = 0; s < phase.sequences().size(); s++) {
        List<Numbered> steps = numbered(p, s);
        List<ReleaseStep> undo = new ArrayList<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
          Numbered step = steps.get(i);
          boolean keptAsFinal = step.index() < committed.getOrDefault(step.step().subject(), -1);
          if (started.contains(step.index()) && !keptAsFinal) {
            undo.addAll(step.step().undo());
          }
        }
        sequences.add(new Sequence(phase.sequences().get(s).subject(), undo));
      }
      undone.add(new Phase("undo " + phase.title(), sequences));
    }
    return new ReleasePlan(undone);
  }

  /** One line per sequence, numbered by phase: what {@code plan} shows and tests compare. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (int p = 0; p < phases.size(); p++) {
      Phase phase = phases.get(p);
      out.append("  ").append(p + 1).append(". ").append(phase.title())
          .append(phase.sequences().size() > 1 ? " (in parallel)" : "").append(":\n");
      for (Sequence sequence : phase.sequences()) {
        out.append("       ").append(sequence.subject()).append(": ")
            .append(String.join(", ", sequence.steps().stream().map(ReleaseStep::describe).toList())).append('\n');
      }
    }
    return out.toString();
  }
}
