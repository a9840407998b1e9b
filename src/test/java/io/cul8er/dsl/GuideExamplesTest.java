package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Connection;
import io.cul8er.model.Discovery;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Image;
import io.cul8er.model.Protocol;
import io.cul8er.model.Resource;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every example of the design guide, verbatim (resources under dsl/guide). */
class GuideExamplesTest {

  static String guide(String name) {
    try (var in = GuideExamplesTest.class.getResourceAsStream("/dsl/guide/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ParseResult parseGuide(String name) {
    return Dsl.parse(name, guide(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"phase1.cul8", "phase3.cul8", "phase4.cul8", "simple.cul8", "production-complete.cul8"})
  void guideExamplesHaveNoErrors(String name) {
    ParseResult result = parseGuide(name);
    assertThat(result.hasErrors()).as(result.render()).isFalse();
  }

  @Test
  void phase1ParsesIntoTheModel() {
    ParseResult result = parseGuide("phase1.cul8");
    Topology prod = result.topology("prod").orElseThrow();
    assertThat(prod.host("server").orElseThrow().address()).isEqualTo("10.0.1.100");
    assertThat(prod.host("server").orElseThrow().connection()).isInstanceOf(Connection.Ssh.class);
    Resource web = prod.resource("web").orElseThrow();
    assertThat(web.image()).contains(new Image(Optional.of("images"), "alpine/3.19"));
    assertThat(web.limits().cpus()).contains(2);
    assertThat(web.limits().memoryBytes()).contains(2L * 1024 * 1024 * 1024);
    assertThat(web.hosts()).containsExactly("server");
    assertThat(result.render())
        .isEqualTo(
            """
            phase1.cul8:4:14: warning: host `server` has unknown platform `:icusos`
                platform :icusos
                         ^
              hint: did you mean `:incusos`?
            0 errors, 1 warning
            """);
  }

  @Test
  void fileLevelSnippetsDefineNoTopologyAndNoProblem() {
    assertThat(parseGuide("phase3.cul8").topologies()).isEmpty();
    assertThat(parseGuide("phase3.cul8").diagnostics()).isEmpty();
    assertThat(parseGuide("phase4.cul8").diagnostics()).isEmpty();
  }

  @Test
  void simpleExampleIsLocal() {
    ParseResult result = parseGuide("simple.cul8");
    assertThat(result.diagnostics()).isEmpty();
    Topology simple = result.topology("simple").orElseThrow();
    assertThat(simple.host("local").orElseThrow().connection())
        .isEqualTo(new Connection.LocalSocket(Connection.DEFAULT_SOCKET, SourcePos.NONE));
    assertThat(simple.host("local").orElseThrow().platform()).isEqualTo("arch_linux");
  }

  @Test
  void productionAsWrittenHasErrorsOnlyAboutApp2() {
    assertThat(parseGuide("production.cul8").render())
        .isEqualTo(
            """
            production.cul8:8:16: warning: host `db` has unknown platform `:icusos`
                  platform :icusos
                           ^
              hint: did you mean `:incusos`?
            production.cul8:14:16: warning: host `web_1` has unknown platform `:icusos`
                  platform :icusos
                           ^
              hint: did you mean `:incusos`?
            production.cul8:19:16: warning: host `web_2` has unknown platform `:icusos`
                  platform :icusos
                           ^
              hint: did you mean `:incusos`?
            production.cul8:48:5: error: resource `app_2` has no image
                resource :app_2, type: :container, on: :web_2 do
                ^
              hint: add `from_image "images:alpine/3.19"`
            1 error, 3 warnings
            """);
  }

  @Test
  void productionCompletedIsTheFullModel() {
    ParseResult result = parseGuide("production-complete.cul8");
    assertThat(result.diagnostics()).allMatch(d -> !d.isError());
    Topology t = result.topology("production").orElseThrow();
    assertThat(t.hosts()).extracting("name").containsExactly("db", "web_1", "web_2");
    assertThat(t.resources()).extracting("name").containsExactly("postgres", "app_1", "app_2");
    Resource app1 = t.resource("app_1").orElseThrow();
    assertThat(app1.exposes()).singleElement().satisfies(e -> {
      assertThat(e.port()).isEqualTo(4000);
      assertThat(e.as()).isEqualTo(443);
      assertThat(e.protocol()).isEqualTo(Protocol.HTTPS);
    });
    assertThat(app1.release().orElseThrow().version()).isEqualTo("1.0.0");
    assertThat(t.clusters()).singleElement().satisfies(c -> {
      assertThat(c.nodes()).containsExactly("app_1", "app_2");
      assertThat(c.discovery()).isEqualTo(Discovery.EPMD);
      assertThat(c.cookie()).contains(new SecretRef.FromEnv("RELEASE_COOKIE", SourcePos.NONE));
    });
    HealthCheck check = t.strategy().healthcheck().orElseThrow();
    assertThat(check.probe()).isEqualTo(new HealthCheck.Probe.Http("http://localhost:4000/health", 200));
    assertThat(check.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(t.strategy().rollback().automatic()).isTrue();
    assertThat(t.strategy().rollback().snapshot()).isTrue();
  }

  @Test
  void fileLevelBlocksApplyToTheTopologiesOfTheFile() {
    String text = guide("phase3.cul8") + guide("phase4.cul8") + """
        topology :prod do
          host :h do
            address "localhost"
            platform :debian
          end
          resource :web_1, on: :h do
            from_image "app"
          end
          resource :web_2, on: :h do
            from_image "app"
          end
          resource :web_3, on: :h do
            from_image "app"
          end
        end
        """;
    ParseResult result = Dsl.parse("scoped.cul8", text);
    assertThat(result.diagnostics()).isEmpty();
    Topology t = result.topology("prod").orElseThrow();
    assertThat(t.clusters()).extracting("name").containsExactly("my_app");
    assertThat(t.strategy().healthcheck().orElseThrow().retries()).isEqualTo(3);
    assertThat(t.observability().metrics()).containsExactly("deployment_duration", "cluster_size");
    assertThat(t.observability().events()).containsExactly("node_joined", "health_check_failed");
  }

  @Test
  void topologyLevelBlocksReplaceInheritedOnes() {
    String text = """
        strategy do
          approach :canary
        end
        defmodule Deploy do
          use CUL8er
          observability do
            metrics [:cluster_size]
          end
          topology :a do
            strategy do
              approach :blue_green
            end
          end
          topology :b do
          end
        end
        """;
    ParseResult result = Dsl.parse("scoped.cul8", text);
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.topologyNames()).containsExactly("a", "b");
    assertThat(result.topology("a").orElseThrow().strategy().approach().name()).isEqualTo("BLUE_GREEN");
    assertThat(result.topology("b").orElseThrow().strategy().approach().name()).isEqualTo("CANARY");
    assertThat(result.topology("b").orElseThrow().observability().metrics()).isEqualTo(List.of("cluster_size"));
  }
}
