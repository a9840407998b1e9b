package io.cul8er.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a cluster has formed: for each member, whom it sees, whom it misses and whom it sees
 * that is not a member (a peer that left but is still in its view). Formed ({@link #complete()})
 * when every member answered its probe, misses no one and sees no stranger.
 */
public record Formation(List<MemberView> members, boolean complete) {

  public Formation {
    members = List.copyOf(members);
  }

  /**
   * One member's view. {@code sees}, {@code missing} and {@code unexpected} are sorted names;
   * {@code answered} is false when its probe gave no answer (then it sees no one).
   */
  public record MemberView(
      Member member, boolean answered, List<String> sees, List<String> missing, List<String> unexpected) {
    public MemberView {
      sees = List.copyOf(sees);
      missing = List.copyOf(missing);
      unexpected = List.copyOf(unexpected);
    }

    public boolean formed() {
      return answered && missing.isEmpty() && unexpected.isEmpty();
    }
  }

  /**
   * Evaluates the probes' answers: {@code seen} maps each member that answered to the names it
   * reported (its own name, if listed, is ignored); {@code nameOf} gives a member's name as the
   * others report it (see {@link Membership#nameOf}).
   */
  public static Formation evaluate(
      List<Member> members, Map<Member, Set<String>> seen, Function<Member, String> nameOf) {
    Set<String> names = members.stream().map(nameOf).collect(Collectors.toCollection(TreeSet::new));
    if (names.size() != members.size()) {
      throw new IllegalArgumentException("cluster members do not have distinct names: " + members);
    }
    List<MemberView> views = new ArrayList<>();
    for (Member member : members) {
      String self = nameOf.apply(member);
      Optional<Set<String>> answer = Optional.ofNullable(seen.get(member));
      Set<String> sees = new TreeSet<>(answer.orElse(Set.of()));
      sees.remove(self);
      Set<String> missing = new TreeSet<>(names);
      missing.remove(self);
      missing.removeAll(sees);
      Set<String> unexpected = new TreeSet<>(sees);
      unexpected.removeAll(names);
      views.add(new MemberView(member, answer.isPresent(), List.copyOf(sees), List.copyOf(missing),
          List.copyOf(unexpected)));
    }
    return new Formation(views, views.stream().allMatch(MemberView::formed));
  }

  /** One line per member that has not formed: who it misses or what stranger it sees. */
  public String describe() {
    if (complete) {
      return "formed: " + members.size() + " members, each sees all the others";
    }
    return members.stream()
        .filter(view -> !view.formed())
        .map(Formation::problem)
        .collect(Collectors.joining("\n"));
  }

  private static String problem(MemberView view) {
    String name = view.member().instance();
    if (!view.answered()) {
      return name + ": did not answer its membership probe";
    }
    List<String> parts = new ArrayList<>();
    if (!view.missing().isEmpty()) {
      parts.add("does not see " + String.join(", ", view.missing()));
    }
    if (!view.unexpected().isEmpty()) {
      parts.add("sees non-members " + String.join(", ", view.unexpected()));
    }
    return name + ": " + String.join("; ", parts);
  }
}
