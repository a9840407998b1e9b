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

  private static final String ON_HTTPS_HOST = """
      topology :shop do
        host :web_1 do
          address "10.0.1.20"
          platform :debian
          https port: 8443, token: [from: :system, key: "INCUS_TOKEN"]
        end
        resource :app, type: :container, on: :web_1 do
          from_image "cul8er/debian12"
          deploy release: :hello_web, version: "1.0.0"
          network do
            expose port: 8080, as: 80, protocol: :http
          end
        end
      end
      """;

  @Test
  void theGuidesProductionExampleOnSshHostsUsesNothingUnsupported() {
    Topology production = Dsl.parse(List.of(Path.of(GUIDE))).topology("production").orElseThrow();

    assertThat(Capabilities.notYetSupported(production)).isEmpty();
  }

  @Test
  void aReleaseWithExposedPortsOnAnHttpsOnlyHostNeedsAnSshBlockForItsEdge() {
    var parsed = Dsl.parse("shop.cul8", ON_HTTPS_HOST);
    assertThat(parsed.diagnostics()).as(parsed.render()).isEmpty();

    assertThat(Capabilities.notYetSupported(parsed.topologies().get(0))).containsExactly(
        "shop.cul8:7:3: resource `app`: host `web_1` is reached through the Incus HTTPS API only, which runs no edge"
            + " (HAProxy) for the release's exposed ports; add an `ssh` block to host `web_1` so that its edge is run"
            + " over SSH");
  }

  @Test
  void tlsTerminationSettingsAreSupported() {
    var parsed = Dsl.parse("tls.cul8", """
        topology :tls do
          host :h do
            address "local"
            platform :debian
          end
          resource :web, type: :container, on: :h do
            from_image "images:alpine/3.19"
            network do
              expose port: 4000, as: 443, protocol: :https, redirect_from: 80
            end
          end
        end
        """);
    assertThat(parsed.diagnostics()).as(parsed.render()).isEmpty();

    assertThat(Capabilities.notYetSupported(parsed.topologies().get(0))).isEmpty();
  }

  @Test
  void aPlainTopologyUsesNothingUnsupported() {
    assertThat(Capabilities.notYetSupported(
        Dsl.parse(List.of(Path.of("examples/demo.cul8"))).topology("demo").orElseThrow())).isEmpty();
  }

  @Test
  void applyRefusesATopologyWithUnsupportedSettingsAndChangesNothing() {
    Topology shop = Dsl.parse("shop.cul8", ON_HTTPS_HOST).topologies().get(0);
    FakeIncus incus = new FakeIncus();
    try (Engine engine = new Engine(host -> incus, new Secrets(name -> null), Clock.systemUTC(),
        Engine.Settings.defaults())) {
      assertThatThrownBy(() -> engine.apply(shop, new InMemoryStateStore("shop"), Operation.DEPLOY,
          Optional.empty(), plan -> true, ApplyListener.ignore(), new Cancellation()))
          .hasMessageStartingWith("Refusing to deploy topology shop: it uses settings this version"
              + " does not apply yet (nothing was changed):\n  shop.cul8:7:3");
    }
    assertThat(incus.listInstances()).isEmpty();
  }

  @Test
  void blueGreenRefusesBatchSizeAndRetainWhichHaveNoMeaningForItButKeepsAFailedSetOnManual() {
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
        "s.cul8:9:3: strategy `blue_green`: `batch_size 2` has no meaning here: blue-green switches the whole new"
            + " set at once, which is what makes its switch back instant; to move traffic over in steps use"
            + " `approach :canary`, or remove `batch_size`",
        "s.cul8:12:5: strategy `blue_green`: `retain 5` has no meaning here: blue-green takes no snapshots, its"
            + " rollback is the old set kept running; set how long with `blue_green do keep_old minutes: 10 end`,"
            + " or remove `retain`");
  }

  @Test
  void blueGreenWithoutARollbackBlockIsPositionedAtTheStrategy() {
    assertThat(Capabilities.notYetSupported(withStrategy("approach :blue_green\nbatch_size 3\n")))
        .containsExactly("s.cul8:9:3: strategy `blue_green`: `batch_size 3` has no meaning here: blue-green"
            + " switches the whole new set at once, which is what makes its switch back instant; to move traffic"
            + " over in steps use `approach :canary`, or remove `batch_size`");
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
