package io.cul8er.cluster;

import static io.cul8er.cluster.Clusters.TWO;
import static io.cul8er.cluster.Clusters.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Runtime;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class MembershipTest {

  @Test
  void readsTheBeamDefaultProbesCommaSeparatedLine() {
    assertThat(Membership.parse("hello_beam@10.0.0.2,hello_beam@10.0.0.3\n"))
        .containsExactly("hello_beam@10.0.0.2", "hello_beam@10.0.0.3");
  }

  @Test
  void aMemberThatSeesNoOneAnswersAnEmptyLine() {
    assertThat(Membership.parse("\n")).isEmpty();
    assertThat(Membership.parse("[]")).isEmpty();
  }

  @Test
  void readsWhatIoInspectPrints() {
    assertThat(Membership.parse("[:\"a@10.0.0.2\", :b@host,\n :\"a@10.0.0.3\"]\n"))
        .containsExactly("a@10.0.0.2", "a@10.0.0.3", "b@host");
  }

  @Test
  void readsTheMembersOfAJsonAnswer() {
    assertThat(Membership.parse("{\"self\":\"app-1\",\"members\":[\"app-1\",\"app-3\",\"app-2\"]}"))
        .containsExactly("app-1", "app-2", "app-3");
  }

  @Test
  void saysWhyAJsonAnswerIsUnreadable() {
    assertThatThrownBy(() -> Membership.parse("{\"members\":"))
        .hasMessageStartingWith("cannot read the membership probe's answer as JSON: ")
        .hasMessageEndingWith(" in: {\"members\":");
    assertThatThrownBy(() -> Membership.parse("{\"self\":\"a\"}"))
        .hasMessage("the membership probe's answer has no \"members\" array: {\"self\":\"a\"}");
    assertThatThrownBy(() -> Membership.parse("{\"members\":[1]}"))
        .hasMessage("the membership probe's answer lists a member that is not a string (1): {\"members\":[1]}");
  }

  @Test
  void membersAreKnownByNodeNameOnBeamAndByInstanceOnTheJvm() {
    assertThat(Membership.nameOf(release("hello_beam", Runtime.BEAM), TWO)).isEqualTo("hello_beam@10.147.0.12");
    assertThat(Membership.nameOf(release("hello-cluster", Runtime.JVM), TWO)).isEqualTo("app-2");
  }

  /** What the BEAM probe prints for a set of node names reads back as that set. */
  @Property(tries = 200)
  void theBeamProbesLineReadsBackAsTheNodesPrinted(
      @ForAll @Size(max = 6) @UniqueElements
          List<@StringLength(min = 1, max = 12) @AlphaChars @NumericChars @Chars({'_', '@', '.', '-'}) String> nodes) {
    assertThat(Membership.parse(String.join(",", nodes) + "\n")).isEqualTo(Set.copyOf(nodes));
  }
}
