package io.cul8er.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a test waits for an image built in the background, read from the status file scripts/images.sh writes. */
class DebianImagesTest {
  private static final String ALIAS = "cul8er/debian12";
  private static final Duration LIMIT = Duration.ofMinutes(30);

  @TempDir Path dir;

  private Path status(String... lines) throws IOException {
    return Files.write(dir.resolve("images.status"), java.util.List.of(lines));
  }

  /** A clock that moves one minute at each sleep, and a status file rewritten from a script of versions. */
  private static final class Scripted {
    final AtomicLong now = new AtomicLong();
    final Deque<String[]> next = new ArrayDeque<>();
    int sleeps;
    final Path file;

    Scripted(Path file) {
      this.file = file;
    }

    void sleep() {
      sleeps++;
      now.addAndGet(Duration.ofMinutes(1).toNanos());
      if (!next.isEmpty()) {
        try {
          Files.write(file, java.util.List.of(next.poll()));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }

    DebianImages.Outcome await(Duration limit) {
      return DebianImages.await(ALIAS, file, limit, now::get, this::sleep, pid -> pid == 42);
    }
  }

  @Test
  void noStatusFileOrAnotherImageMeansNoBuildToWaitFor() throws IOException {
    Path none = dir.resolve("absent");
    assertThat(DebianImages.await(ALIAS, none, LIMIT, System::nanoTime, () -> { }, pid -> true))
        .isEqualTo(new DebianImages.Outcome.NoBuild());
    Path other = status("pid 42", "cul8er/other building", "state running");
    assertThat(DebianImages.await(ALIAS, other, LIMIT, System::nanoTime, () -> { }, pid -> true))
        .isEqualTo(new DebianImages.Outcome.NoBuild());
  }

  @Test
  void waitsWhileTheImageBuildsAndReturnsOnceReady() throws IOException {
    Scripted run = new Scripted(status("pid 42", "log /var/log/cul8er-images.log", ALIAS + " waiting",
        "cul8er/debian12-jvm waiting", "state running"));
    run.next.add(new String[] {"pid 42", ALIAS + " building", "state running"});
    run.next.add(new String[] {"pid 42", ALIAS + " ready 5e0cd4cb714b", "cul8er/debian12-jvm building", "state running"});

    assertThat(run.await(LIMIT)).isEqualTo(new DebianImages.Outcome.Ready("5e0cd4cb714b"));
    assertThat(run.sleeps).isEqualTo(2);
  }

  @Test
  void aFailedBuildIsReportedWithItsReason() throws IOException {
    Scripted run = new Scripted(status("pid 42", ALIAS + " building", "state running"));
    run.next.add(new String[] {"pid 42", ALIAS + " failed: mmdebstrap failed for debian12: E: cannot reach the archive",
        "state failed: 1 image(s) could not be built"});

    assertThat(run.await(LIMIT))
        .isEqualTo(new DebianImages.Outcome.Failed("mmdebstrap failed for debian12: E: cannot reach the archive"));
  }

  @Test
  void aBuilderThatDiedOrEndedWithoutTheImageIsAFailureNotAWait() throws IOException {
    Path gone = status("pid 7", ALIAS + " building", "state running");
    assertThat(new Scripted(gone).await(LIMIT))
        .isEqualTo(new DebianImages.Outcome.Failed("its builder (pid 7) is gone, with " + ALIAS + " building"));

    Path ended = status("pid 42", ALIAS + " waiting", "state done");
    assertThat(new Scripted(ended).await(LIMIT))
        .isEqualTo(new DebianImages.Outcome.Failed("the build ended (done) with " + ALIAS + " waiting"));
  }

  @Test
  void theWaitIsBoundedAndSaysWhereTheBuildIs() throws IOException {
    Scripted run = new Scripted(status("pid 42", ALIAS + " building", "state running"));

    assertThat(run.await(Duration.ofMinutes(5))).isEqualTo(new DebianImages.Outcome.TimedOut("building"));
    assertThat(run.sleeps).isEqualTo(5);
  }
}
