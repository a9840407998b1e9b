package io.cul8er.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.CUL8er;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseTargetTest {
  @TempDir Path dir;

  @Test
  void theOnlyResourceWithAReleaseNamedAfterTheArtifactIdGetsTheBuild() throws IOException {
    Topology shop = topology("""
        resource :api, on: :h do
          from_image "cul8er/debian12-jvm"
          deploy release: :shop, version: "1.0.0", runtime: :jvm
        end
        resource :worker, on: :h do
          from_image "cul8er/debian12-jvm"
          deploy release: :jobs, version: "1.0.0", runtime: :jvm
        end
        resource :db, on: :h do
          from_image "cul8er/debian12-postgres"
        end
        """);

    assertThat(ReleaseTarget.choose(shop, Optional.empty(), "shop")).isEqualTo(new ReleaseTarget("api", "shop"));
    assertThat(ReleaseTarget.choose(shop, Optional.of("worker"), "shop")).isEqualTo(new ReleaseTarget("worker", "jobs"));
  }

  @Test
  void noneOrSeveralMatchingResourcesAskForCul8erResource() throws IOException {
    Topology twice = topology("""
        resource :a, on: :h do
          from_image "cul8er/debian12-jvm"
          deploy release: :shop, version: "1.0.0", runtime: :jvm
        end
        resource :b, on: :h do
          from_image "cul8er/debian12-jvm"
          deploy release: :shop, version: "1.0.0", runtime: :jvm
        end
        """);

    assertThatThrownBy(() -> ReleaseTarget.choose(twice, Optional.empty(), "shop")).isInstanceOf(Cul8erException.class)
        .hasMessage("Topology t: 2 resources deploy a release named shop: a, b; name the resource to deploy the build to"
            + " with -Dcul8er.resource=NAME (resources with a release: a (shop), b (shop))");
    assertThatThrownBy(() -> ReleaseTarget.choose(twice, Optional.empty(), "billing")).isInstanceOf(Cul8erException.class)
        .hasMessage("Topology t: no resource deploys a release named billing (the project's artifactId); name the"
            + " resource to deploy the build to with -Dcul8er.resource=NAME (resources with a release: a (shop), b (shop))");
    assertThatThrownBy(() -> ReleaseTarget.choose(twice, Optional.of("c"), "shop")).isInstanceOf(Cul8erException.class)
        .hasMessage("Topology t has no resource `c` (cul8er.resource); its resources: a, b");
  }

  @Test
  void aResourceWithoutReleaseOrWithABeamReleaseIsRefused() throws IOException {
    Topology mixed = topology("""
        resource :app, on: :h do
          from_image "cul8er/debian12"
          deploy release: :shop, version: "1.0.0"
        end
        resource :db, on: :h do
          from_image "cul8er/debian12-postgres"
        end
        """);

    assertThatThrownBy(() -> ReleaseTarget.choose(mixed, Optional.of("db"), "shop")).isInstanceOf(Cul8erException.class)
        .hasMessage("Resource db of topology t deploys no release (no `deploy release:`), so the project's build has"
            + " nowhere to go");
    assertThatThrownBy(() -> ReleaseTarget.choose(mixed, Optional.empty(), "shop")).isInstanceOf(Cul8erException.class)
        .hasMessage(dir.resolve("t.cul8") + ":8:5: release shop of resource app has runtime :beam, but a Maven build"
            + " makes a jar: write `runtime: :jvm`");
  }

  private Topology topology(String resources) throws IOException {
    Path file = dir.resolve("t.cul8");
    Files.writeString(file, """
        topology :t do
          host :h do
            address "localhost"
            platform :debian
          end
        %s
        end
        """.formatted(resources.indent(2)));
    return CUL8er.load(file).model("t");
  }
}
