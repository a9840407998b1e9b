package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Positioned;
import io.cul8er.model.Resource;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Strategy;
import io.cul8er.model.Topology;
import org.junit.jupiter.api.Test;

/**
 * Every element of the guide's production example keeps where it was written, defaults included
 * (they take the position of the block they were filled into). {@link SourcePos#equals} ignores
 * positions, so the fields are compared as text.
 */
class PositionsTest {
  private final Topology production = GuideExamplesTest.parseGuide("production-complete.cul8")
      .topology("production").orElseThrow();

  private static String at(Positioned element) {
    SourcePos p = element.pos();
    return p.file() + ":" + p.line() + ":" + p.column();
  }

  @Test
  void infrastructureElements() {
    assertThat(at(production)).isEqualTo("production-complete.cul8:4:3");
    assertThat(production.hosts()).extracting(PositionsTest::at).containsExactly(
        "production-complete.cul8:6:5", "production-complete.cul8:12:5", "production-complete.cul8:17:5");
    assertThat(at(production.host("web_1").orElseThrow().connection())).isEqualTo("production-complete.cul8:12:5");
    assertThat(production.resources()).extracting(PositionsTest::at).containsExactly(
        "production-complete.cul8:23:5", "production-complete.cul8:32:5", "production-complete.cul8:48:5");
    Resource app1 = production.resource("app_1").orElseThrow();
    assertThat(at(app1.limits())).isEqualTo("production-complete.cul8:35:7");
    assertThat(at(app1.exposes().get(0))).isEqualTo("production-complete.cul8:41:9");
    assertThat(at(app1.release().orElseThrow())).isEqualTo("production-complete.cul8:44:7");
  }

  @Test
  void clusterAndStrategyElements() {
    assertThat(at(production.clusters().get(0))).isEqualTo("production-complete.cul8:64:5");
    assertThat(at(production.clusters().get(0).cookie().orElseThrow())).isEqualTo("production-complete.cul8:67:7");
    Strategy strategy = production.strategy();
    assertThat(at(strategy)).isEqualTo("production-complete.cul8:71:5");
    assertThat(at(strategy.healthcheck().orElseThrow())).isEqualTo("production-complete.cul8:75:7");
    assertThat(at(strategy.rollback())).isEqualTo("production-complete.cul8:80:7");
  }

  @Test
  void defaultsTakeThePositionOfTheEnclosingBlock() {
    Strategy strategy = production.strategy();
    assertThat(at(strategy.blueGreen())).isEqualTo("production-complete.cul8:71:5");
    assertThat(at(strategy.canary())).isEqualTo("production-complete.cul8:71:5");
    assertThat(at(production.observability())).isEqualTo("production-complete.cul8:4:3");
    assertThat(at(production.state())).isEqualTo("production-complete.cul8:4:3");
    assertThat(at(production.resource("app_1").orElseThrow().limits())).isEqualTo("production-complete.cul8:35:7");
    Topology bare = Dsl.parse("b.cul8", "topology :b do\n  host :h do\n    address \"localhost\"\n    platform :debian\n"
        + "  end\n  resource :r, on: :h do\n    from_image \"i\"\n  end\nend\n").topology("b").orElseThrow();
    assertThat(at(bare.strategy())).isEqualTo("b.cul8:1:1");
    assertThat(at(bare.strategy().rollback())).isEqualTo("b.cul8:1:1");
    assertThat(at(bare.resources().get(0).limits())).isEqualTo("b.cul8:6:3");
    assertThat(at(bare.hosts().get(0).connection())).isEqualTo("b.cul8:2:3");
  }
}
