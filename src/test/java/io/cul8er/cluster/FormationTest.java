package io.cul8er.cluster;

import static io.cul8er.cluster.Clusters.MEMBERS;
import static io.cul8er.cluster.Clusters.ONE;
import static io.cul8er.cluster.Clusters.THREE;
import static io.cul8er.cluster.Clusters.TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.cluster.Formation.MemberView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FormationTest {

  @Test
  void formedWhenEveryMemberSeesAllTheOthers() {
    Formation formation = Formation.evaluate(MEMBERS, Map.of(
        ONE, Set.of("app-2", "app-3"),
        TWO, Set.of("app-1", "app-2", "app-3"),
        THREE, Set.of("app-1", "app-2")), Member::instance);

    assertThat(formation.complete()).isTrue();
    assertThat(formation.members()).containsExactly(
        new MemberView(ONE, true, List.of("app-2", "app-3"), List.of(), List.of()),
        new MemberView(TWO, true, List.of("app-1", "app-3"), List.of(), List.of()),
        new MemberView(THREE, true, List.of("app-1", "app-2"), List.of(), List.of()));
    assertThat(formation.describe()).isEqualTo("formed: 3 members, each sees all the others");
  }

  @Test
  void saysWhoIsMissingWhoDidNotAnswerAndWhoSeesAStranger() {
    Formation formation = Formation.evaluate(MEMBERS, Map.of(
        ONE, Set.of("app-2"),
        TWO, Set.of("app-1", "app-3", "app-9")), Member::instance);

    assertThat(formation.complete()).isFalse();
    assertThat(formation.members()).containsExactly(
        new MemberView(ONE, true, List.of("app-2"), List.of("app-3"), List.of()),
        new MemberView(TWO, true, List.of("app-1", "app-3", "app-9"), List.of(), List.of("app-9")),
        new MemberView(THREE, false, List.of(), List.of("app-1", "app-2"), List.of()));
    assertThat(formation.describe()).isEqualTo("""
        app-1: does not see app-3
        app-2: sees non-members app-9
        app-3: did not answer its membership probe""");
  }

  @Test
  void aMemberThatLeftButIsStillInAViewKeepsTheClusterUnformed() {
    Formation formation = Formation.evaluate(List.of(ONE, TWO), Map.of(
        ONE, Set.of("app-2", "app-3"),
        TWO, Set.of("app-1")), Member::instance);

    assertThat(formation.complete()).isFalse();
    assertThat(formation.describe()).isEqualTo("app-1: sees non-members app-3");
  }

  @Test
  void aSingleMemberIsFormedAsSoonAsItAnswers() {
    assertThat(Formation.evaluate(List.of(ONE), Map.of(ONE, Set.of()), Member::instance).complete()).isTrue();
    assertThat(Formation.evaluate(List.of(ONE), Map.of(), Member::instance).complete()).isFalse();
  }

  @Test
  void membersMustHaveDistinctNames() {
    assertThatThrownBy(() -> Formation.evaluate(List.of(ONE, TWO), Map.of(), m -> "same"))
        .hasMessageStartingWith("cluster members do not have distinct names: ");
  }

  /**
   * Whoever sees whom: the cluster is formed exactly when every member answered and saw all the
   * others, and each member misses exactly the others it did not see.
   */
  @Property(tries = 300)
  void formedExactlyWhenEverySeenSetIsAllTheOthers(
      @ForAll @IntRange(min = 1, max = 5) int size, @ForAll("bits") long seeing, @ForAll long answering) {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(new Member("n" + i, "10.0.0." + i));
    }
    Map<Member, Set<String>> seen = new HashMap<>();
    boolean expectFormed = true;
    for (int i = 0; i < size; i++) {
      if ((answering >>> i & 1) == 0) {
        expectFormed = false;
        continue;
      }
      Set<String> names = new TreeSet<>();
      for (int j = 0; j < size; j++) {
        if (j != i && (seeing >>> (i * size + j) & 1) == 1) {
          names.add("n" + j);
        } else if (j != i) {
          expectFormed = false;
        }
      }
      seen.put(members.get(i), names);
    }

    Formation formation = Formation.evaluate(members, seen, Member::instance);

    assertThat(formation.complete()).isEqualTo(expectFormed);
    for (MemberView view : formation.members()) {
      assertThat(view.sees().size() + view.missing().size()).isEqualTo(size - 1);
    }
  }

  @Provide
  Arbitrary<Long> bits() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.longs()),
        Tuple.of(3, Arbitraries.just(-1L)));
  }
}
