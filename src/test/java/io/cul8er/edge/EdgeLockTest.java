package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeLockTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void isReentrantAndWritesItsHolderIntoTheFile() throws Exception {
    EdgeLock lock = new EdgeLock(dir.resolve("edge.lock"));

    String inner = lock.locked(WAIT, () -> lock.locked(WAIT, () -> read(dir.resolve("edge.lock"))));

    assertThat(inner).startsWith("process " + ProcessHandle.current().pid() + " (").contains(") since ");
    assertThat(lock.heldByCurrentThread()).isFalse();
  }

  @Test
  void aSecondHolderWaitsAndGivesUpNamingTheHolder() throws Exception {
    EdgeLock lock = new EdgeLock(dir.resolve("edge.lock"));
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> lock.locked(WAIT, () -> {
      held.countDown();
      await(done);
      return null;
    }));
    held.await();

    assertThatThrownBy(() -> new EdgeLock(dir.resolve("edge.lock")).locked(Duration.ofMillis(200), () -> "never"))
        .hasMessage("Gave up after 200ms waiting for the host edge lock " + dir.resolve("edge.lock")
            + ": it is held by another thread of this process (pid " + ProcessHandle.current().pid()
            + "), which is changing the edge of this host");
    done.countDown();
    holder.get();
  }

  @Test
  void serialisesEveryHolder() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CompletableFuture<?>[] all = new CompletableFuture<?>[8];
    for (int i = 0; i < all.length; i++) {
      all[i] = CompletableFuture.runAsync(() -> new EdgeLock(dir.resolve("edge.lock")).locked(WAIT, () -> {
        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
        sleep(10);
        return inside.decrementAndGet();
      }));
    }
    CompletableFuture.allOf(all).get();

    assertThat(most.get()).isEqualTo(1);
  }

  @Test
  void aLockFileDeletedByItsHolderIsCreatedAgainByTheNext() throws Exception {
    Path file = dir.resolve("edge.lock");
    EdgeLock lock = new EdgeLock(file);

    lock.locked(WAIT, () -> {
      deleteQuietly(file);
      return null;
    });
    assertThat(file).doesNotExist();

    assertThat(lock.locked(WAIT, () -> Files.exists(file))).isTrue();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.delete(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
