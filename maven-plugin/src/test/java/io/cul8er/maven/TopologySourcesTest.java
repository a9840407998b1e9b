package io.cul8er.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologySourcesTest {
  @TempDir Path project;

  @Test
  void filesGivenAreResolvedAgainstTheProjectNotMavensWorkingDirectory() {
    assertThat(TopologySources.find(List.of(Path.of("deploy/prod.cul8"), Path.of("/etc/shared.cul8")), project, "prod"))
        .containsExactly(project.resolve("deploy/prod.cul8"), Path.of("/etc/shared.cul8"));
  }

  @Test
  void theTopologysOwnFileUnderCul8erComesBeforeTheProjectsCul8Files() throws IOException {
    touch("b.cul8");
    touch("cul8er/production.cul8");

    assertThat(TopologySources.find(List.of(), project, "production")).containsExactly(project.resolve("cul8er/production.cul8"));
  }

  @Test
  void otherwiseEveryCul8FileOfTheProjectInNameOrder() throws IOException {
    touch("b.cul8");
    touch("a.cul8");
    touch("notes.txt");
    touch("cul8er/staging.cul8");

    assertThat(TopologySources.find(List.of(), project, "production"))
        .containsExactly(project.resolve("a.cul8"), project.resolve("b.cul8"));
  }

  @Test
  void noFileSaysWhereItLooked() {
    assertThatThrownBy(() -> TopologySources.find(List.of(), project, "production"))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("No topology file for production: none in " + project.resolve("cul8er") + " (production.cul8) nor"
            + " *.cul8 in " + project + "; name one with -Dcul8er.file=FILE");
  }

  private void touch(String relative) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "");
  }
}
