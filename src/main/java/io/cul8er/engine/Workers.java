package io.cul8er.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The bounded pool that runs host reads and instance steps in parallel. */
public final class Workers implements AutoCloseable {
  public static final int DEFAULT_PARALLELISM = 10;

  private final ExecutorService pool;
  private final int parallelism;

  public Workers(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.parallelism = parallelism;
    AtomicInteger count = new AtomicInteger();
    ThreadFactory daemons =
        task -> {
          Thread thread = new Thread(task, "cul8er-worker-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.pool = Executors.newFixedThreadPool(parallelism, daemons);
  }

  public int parallelism() {
    return parallelism;
  }

  public <T> Future<T> submit(Callable<T> task) {
    return pool.submit(task);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
