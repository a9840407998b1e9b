package io.cul8er.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.dsl.Dsl;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HookVariables} and {@link LocalHookRunner}, the latter with a real {@code /bin/sh}. */
class LocalHooksTest {
  @TempDir Path dir;

  private static final Topology TWO_RELEASES = Dsl.parse("t.cul8", """
      topology :shop do
        host :a do
          address "10.0.0.1"
          platform :debian
        end
        host :b do
          address "10.0.0.2"
          platform :debian
        end
        resource :web, on: [:a, :b] do
          from_image "x"
          deploy release: :shop, version: "1.2.0"
        end
        resource :worker, on: :a do
          from_image "x"
          deploy release: :jobs, version: "1.2.0"
        end
        resource :db, on: :b do
          from_image "y"
        end
      end
      """).topology("shop").orElseThrow();

  /** A topology whose releases are at two versions. */
  private static final class Fixtures {
    static final String TWO_VERSIONS = """
        topology :v do
          host :a do
            address "10.0.0.1"
            platform :debian
          end
          resource :web, on: :a do
            from_image "x"
            deploy release: :web, version: "1.0.0"
          end
          resource :api, on: :a do
            from_image "x"
            deploy release: :api, version: "2.0.0"
          end
        end
        """;
  }

  @Test
  void theVariablesNameTheTopologyItsHostsVersionsAndHowTheDeployEnded() {
    Map<String, String> before = HookVariables.before(TWO_RELEASES, "deploy", "ops@laptop",
        Instant.parse("2026-12-08T01:00:00Z"));

    assertThat(before).containsExactly(Map.entry("CUL8ER_TOPOLOGY", "shop"), Map.entry("CUL8ER_COMMAND", "deploy"),
        Map.entry("CUL8ER_PERFORMER", "ops@laptop"), Map.entry("CUL8ER_RECORDED_AT", "2026-12-08T01:00:00Z"),
        Map.entry("CUL8ER_HOSTS", "10.0.0.1,10.0.0.2"), Map.entry("CUL8ER_VERSIONS", "web=1.2.0,worker=1.2.0"),
        Map.entry("CUL8ER_VERSION", "1.2.0"));
    assertThat(HookVariables.after(before, "rolled_back", Duration.ofMillis(62_900)))
        .containsEntry("CUL8ER_STATUS", "rolled_back").containsEntry("CUL8ER_RUNTIME", "62").hasSize(9);
    Topology twoVersions = Dsl.parse("v.cul8", Fixtures.TWO_VERSIONS).topology("v").orElseThrow();
    assertThat(HookVariables.before(twoVersions, "apply", "x", Instant.EPOCH))
        .containsEntry("CUL8ER_VERSIONS", "api=2.0.0,web=1.0.0").doesNotContainKey("CUL8ER_VERSION");
  }

  @Test
  void aHookRunsInItsDirectoryWithTheVariablesAndItsLinesArePassedOn() throws Exception {
    List<String> lines = new ArrayList<>();

    new LocalHookRunner(lines::add).run("pre_deploy", "echo \"$CUL8ER_TOPOLOGY\" > seen; pwd; echo oops >&2", dir,
        Map.of("CUL8ER_TOPOLOGY", "shop"), Duration.ofSeconds(30));

    assertThat(Files.readString(dir.resolve("seen"))).isEqualTo("shop\n");
    assertThat(lines).containsExactly(dir.toString(), "oops");
  }

  @Test
  void aFailingHookSaysWhatRanWhereAndItsLastLines() {
    LocalHookRunner runner = new LocalHookRunner(line -> { });

    assertThatThrownBy(() -> runner.run("pre_deploy", "echo checking; exit 7", dir, Map.of(), Duration.ofSeconds(30)))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Tried to run the pre_deploy hook `echo checking; exit 7` in " + dir + ", but it exited with 7;"
            + " its last lines of output:\n  | checking");
  }

  @Test
  void aHookPastItsTimeoutIsKilledWithItsChildren() {
    LocalHookRunner runner = new LocalHookRunner(line -> { });

    assertThatThrownBy(() -> runner.run("post_deploy", "sleep 60 & wait", dir, Map.of(), Duration.ofSeconds(1)))
        .hasMessage("Tried to run the post_deploy hook `sleep 60 & wait` in " + dir + ", but it was killed after its"
            + " timeout of 1 s and printed nothing");
  }
}
