package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyFilesTest {
  @TempDir Path dir;

  @Test
  void filesGivenWithDashFWinOverDeployAndTheWorkingDirectory() throws IOException {
    Path given = touch("elsewhere/given.cul8");
    touch("deploy/a.cul8");
    touch("here.cul8");

    assertThat(TopologyFiles.find(List.of(given), dir)).containsExactly(given);
  }

  @Test
  void withoutDashFEveryCul8UnderDeployIsFoundAtAnyDepthSortedByPath() throws IOException {
    touch("deploy/z.cul8");
    touch("deploy/b/inner.cul8");
    touch("deploy/a.cul8");
    touch("deploy/notes.txt");
    touch("here.cul8");

    assertThat(TopologyFiles.find(List.of(), dir)).containsExactly(
        dir.resolve("deploy/a.cul8"), dir.resolve("deploy/b/inner.cul8"), dir.resolve("deploy/z.cul8"));
  }

  @Test
  void withoutDeployTheWorkingDirectorysOwnFilesAreFoundButNotThoseOfItsSubdirectories() throws IOException {
    touch("b.cul8");
    touch("a.cul8");
    touch("sub/deeper.cul8");

    assertThat(TopologyFiles.find(List.of(), dir)).containsExactly(dir.resolve("a.cul8"), dir.resolve("b.cul8"));
  }

  @Test
  void aDeployDirectoryWithoutTopologiesFallsBackToTheWorkingDirectory() throws IOException {
    touch("deploy/readme.txt");
    Files.createDirectories(dir.resolve("deploy/empty"));
    touch("here.cul8");

    assertThat(TopologyFiles.find(List.of(), dir)).containsExactly(dir.resolve("here.cul8"));
  }

  @Test
  void nothingAnywhereIsAUserErrorSayingWhereItLooked() {
    assertThatThrownBy(() -> TopologyFiles.find(List.of(), dir))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("No topology file found: give one with -f FILE, or put *.cul8 files in ./deploy/ or in "
            + dir.toAbsolutePath().normalize());
  }

  @Test
  void aDirectoryGivenWithDashFIsRefusedAsADirectory() {
    assertThatThrownBy(() -> TopologyFiles.find(List.of(dir), dir))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Cannot read topology file " + dir + ": it is a directory; give -f a .cul8 file"
            + " (repeat -f for several)");
  }

  @Test
  void aMissingFileGivenWithDashFIsRefused() {
    Path missing = dir.resolve("missing.cul8");

    assertThatThrownBy(() -> TopologyFiles.find(List.of(missing), dir))
        .hasMessage("Cannot read topology file " + missing + ": no such file");
  }

  @Test
  void theDefaultWorkingDirectoryGivesPathsRelativeToIt() {
    List<Path> found = TopologyFiles.find(List.of(), Path.of("examples"));

    assertThat(found).isNotEmpty().allSatisfy(p -> assertThat(p).isRelative().startsWith(Path.of("examples")));
    assertThat(found).isSorted();
  }

  private Path touch(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "");
  }
}
