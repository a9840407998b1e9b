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
      assertThatThrownBy(() -> engine.apply(production, new InMemoryStateStore("production"), "deploy",
          Optional.empty(), plan -> true, ApplyListener.ignore(), new Cancellation()))
          .hasMessageStartingWith("Refusing to deploy topology production: it uses settings this version"
              + " does not apply yet (nothing was changed):\n  " + GUIDE);
    }
    assertThat(incus.listInstances()).isEmpty();
  }
}
