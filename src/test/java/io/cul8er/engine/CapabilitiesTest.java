package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.dsl.Dsl;
import io.cul8er.incus.fake.FakeIncus;
import io.cul8er.model.Topology;
import io.cul8er.state.InMemoryStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
  private static final String GUIDE = "src/test/resources/dsl/guide/production-complete.cul8";

  @Test
  void theGuidesProductionExampleNeedsAnEdgeOnRemoteHosts() {
    Topology production = Dsl.parse(List.of(Path.of(GUIDE))).topology("production").orElseThrow();

    List<String> problems = Capabilities.notYetSupported(production);

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).matches(GUIDE.replace(".", "\\.") + ":\\d+:\\d+: resource `app_1`: the edge \\(HAProxy\\)"
        + " balancing a release's exposed ports runs on this machine and serves local hosts only; `web_1` is remote");
    assertThat(problems.get(1)).endsWith("resource `app_2`: the edge (HAProxy) balancing a release's exposed ports"
        + " runs on this machine and serves local hosts only; `web_2` is remote");
  }

  @Test
  void aPlainTopologyUsesNothingUnsupported() {
    assertThat(Capabilities.notYetSupported(
        Dsl.parse(List.of(Path.of("examples/demo.cul8"))).topology("demo").orElseThrow())).isEmpty();
  }

  @Test
  void applyRefusesATopologyWithUnsupportedSettingsAndChangesNothing() {
    Topology production = Dsl.parse(List.of(Path.of(GUIDE))).topology("production").orElseThrow();
    FakeIncus incus = new FakeIncus();
    try (Engine engine = new Engine(host -> incus, new Secrets(name -> null), Clock.systemUTC(),
        Engine.Settings.defaults())) {
      assertThatThrownBy(() -> engine.apply(production, new InMemoryStateStore("production"), Operation.DEPLOY,
          Optional.empty(), plan -> true, ApplyListener.ignore(), new Cancellation()))
          .hasMessageStartingWith("Refusing to deploy topology production: it uses settings this version"
              + " does not apply yet (nothing was changed):\n  " + GUIDE);
    }
    assertThat(incus.listInstances()).isEmpty();
  }

  @Test
  void blueGreenRefusesEveryRollbackAndBatchSettingItDoesNotActOn() {
    Topology topology = withStrategy("""
        approach :blue_green
        batch_size 2
        rollback do
          on_failure :manual
          snapshot false
          retain 5
        end
        """);

    assertThat(Capabilities.notYetSupported(topology)).containsExactly(
        "s.cul8:9:3: strategy `blue_green`: `batch_size 2` is not supported yet (blue-green deploys the whole"
            + " new set at once); remove it or use `approach :rolling`",
        "s.cul8:12:5: strategy `blue_green`: `on_failure :manual` is not supported yet (a failed new set is"
            + " always discarded while the old set keeps serving); remove it or use `approach :rolling`",
        "s.cul8:12:5: strategy `blue_green`: `retain 5` is not supported yet (blue-green takes no snapshots;"
            + " the old set is kept for `keep_old`); remove it or set `blue_green do keep_old ... end`");
  }

  @Test
  void blueGreenWithoutARollbackBlockIsPositionedAtTheStrategy() {
    assertThat(Capabilities.notYetSupported(withStrategy("approach :blue_green\nbatch_size 3\n")))
        .containsExactly("s.cul8:9:3: strategy `blue_green`: `batch_size 3` is not supported yet (blue-green"
            + " deploys the whole new set at once); remove it or use `approach :rolling`");
  }

  @Test
  void blueGreenWithItsDefaultRollbackAndBatchSizeIsSupported() {
    assertThat(Capabilities.notYetSupported(withStrategy("""
        approach :blue_green
        batch_size 1
        rollback do
          on_failure :automatic
          retain 3
        end
        blue_green do
          keep_old minutes: 5
        end
        """))).isEmpty();
  }

  @Test
  void theSameRollbackSettingsAreSupportedWhenRolling() {
    assertThat(Capabilities.notYetSupported(withStrategy("""
        approach :rolling
        batch_size 2
        rollback do
          on_failure :manual
          retain 5
        end
        """))).isEmpty();
  }

  private static Topology withStrategy(String strategy) {
    String source = """
        topology :s do
          host :h do
            address "local"
            platform :debian
          end
          resource :web, type: :container, on: :h do
            from_image "images:alpine/3.19"
          end
          strategy do
        """ + strategy.indent(4) + """
          end
        end
        """;
    var result = Dsl.parse("s.cul8", source);
    assertThat(result.diagnostics()).as(result.render()).isEmpty();
    return result.topologies().get(0);
  }
}
