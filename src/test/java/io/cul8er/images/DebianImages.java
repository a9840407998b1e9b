package io.cul8er.images;

import io.cul8er.LiveComponents;
import io.cul8er.setup.LocalShell;
import io.cul8er.ssh.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Assertions;

/**
 * The local Debian images for integration tests. {@code scripts/test.sh} runs {@code scripts/setup.sh
 * --images-in-background}, which builds them (when missing or stale) while Maven runs the unit tests
 * and keeps {@code /run/cul8er/images.status} up to date ({@code scripts/images.sh}). A test that needs
 * one calls {@link #require(String)}: it waits until that image is ready, at most
 * {@code CUL8ER_IMAGES_WAIT_MINUTES} (default 30), and fails with what the build is doing or why it
 * failed; without a background build, the image must simply be there (skipped, or failed under CI,
 * as {@link LiveComponents} does).
 */
public final class DebianImages {
  public static final String DEBIAN12 = "cul8er/debian12";
  public static final String DEBIAN12_JVM = "cul8er/debian12-jvm";
  public static final String DEBIAN12_HOST = "cul8er/debian12-host";
  public static final String DEBIAN12_POSTGRES = "cul8er/debian12-postgres";
  static final Path STATUS = Path.of("/run/cul8er/images.status");
  private static final Duration POLL = Duration.ofSeconds(2);

  private DebianImages() {}

  /** What the status file says about one image. */
  sealed interface Outcome {
    /** No background build knows this image: it must already be there. */
    record NoBuild() implements Outcome {}

    record Ready(String detail) implements Outcome {}

    record Failed(String why) implements Outcome {}

    record TimedOut(String state) implements Outcome {}
  }

  /** Waits for {@code alias} (bounded), then requires it to exist in the local Incus. */
  public static void require(String alias) {
    LiveComponents.requireIncus();
    String minutes = System.getenv().getOrDefault("CUL8ER_IMAGES_WAIT_MINUTES", "30");
    Duration limit = Duration.ofMinutes(Long.parseLong(minutes));
    Outcome outcome = await(alias, STATUS, limit, System::nanoTime, DebianImages::sleep, DebianImages::alive);
    String log = readStatus(STATUS).map(s -> s.getOrDefault("log", "")).orElse("");
    String see = log.isEmpty() ? "" : " (output: " + log + ")";
    if (outcome instanceof Outcome.Failed failed) {
      Assertions.fail("The build of image " + alias + " failed: " + failed.why() + see);
    }
    if (outcome instanceof Outcome.TimedOut timedOut) {
      Assertions.fail("Image " + alias + " is not ready after " + limit.toMinutes() + " min (CUL8ER_IMAGES_WAIT_MINUTES): "
          + "its build in the background is at '" + timedOut.state() + "'" + see);
    }
    CommandResult exists = new LocalShell().run("incus query /1.0/images/aliases/" + alias, Duration.ofSeconds(30));
    LiveComponents.require("image " + alias + " (run `sudo scripts/setup.sh`, which builds it)", exists.succeeded());
  }

  /**
   * Polls the status file until {@code alias} is ready or failed, its builder is gone, or
   * {@code limit} has passed.
   */
  static Outcome await(String alias, Path status, Duration limit, LongSupplier nanoTime, Runnable sleep,
      LongPredicate alive) {
    long deadline = nanoTime.getAsLong() + limit.toNanos();
    while (true) {
      Optional<Map<String, String>> read = readStatus(status);
      if (read.isEmpty() || !read.get().containsKey(alias)) {
        return new Outcome.NoBuild();
      }
      Map<String, String> lines = read.get();
      String state = lines.get(alias);
      String overall = lines.getOrDefault("state", "");
      if (state.startsWith("ready")) {
        return new Outcome.Ready(state.substring("ready".length()).trim());
      }
      if (state.startsWith("failed")) {
        return new Outcome.Failed(state.replaceFirst("^failed:?\\s*", ""));
      }
      if (!overall.equals("running")) {
        return new Outcome.Failed("the build ended (" + overall + ") with " + alias + " " + state);
      }
      long pid = Long.parseLong(lines.getOrDefault("pid", "0"));
      if (!alive.test(pid)) {
        return new Outcome.Failed("its builder (pid " + pid + ") is gone, with " + alias + " " + state);
      }
      if (nanoTime.getAsLong() - deadline >= 0) {
        return new Outcome.TimedOut(state);
      }
      sleep.run();
    }
  }

  /** The status file as "first word -> the rest of the line"; empty when there is none. */
  static Optional<Map<String, String>> readStatus(Path status) {
    try {
      Map<String, String> lines = new LinkedHashMap<>();
      for (String line : Files.readAllLines(status)) {
        String[] parts = line.strip().split("\\s+", 2);
        if (!parts[0].isEmpty()) {
          lines.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
      }
      return Optional.of(lines);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + status, e);
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for an image build", e);
    }
  }
}
