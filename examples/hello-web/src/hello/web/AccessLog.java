package hello.web;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Timestamped lines to stdout, written by one background thread in batches so that request
 * threads never wait on a write(2). Under load many lines share one write; when idle each line is
 * written at once. When the queue is full the caller waits, so no line is ever lost.
 */
final class AccessLog implements AutoCloseable {
  private static final int CAPACITY = 65_536;
  private static final String STOP = new String("stop");

  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(CAPACITY);
  private final OutputStream out;
  private final Thread writer;

  private AccessLog(OutputStream out) {
    this.out = out;
    this.writer = new Thread(this::writeUntilClosed, "access-log");
    writer.setDaemon(true);
    writer.start();
  }

  static AccessLog toStdout() {
    return new AccessLog(new FileOutputStream(FileDescriptor.out));
  }

  void line(String text) {
    try {
      lines.put(Instant.now() + " " + text + "\n");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes every line queued so far, then stops the writer (waits at most one second). */
  @Override
  public void close() {
    try {
      lines.put(STOP);
      writer.join(TimeUnit.SECONDS.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeUntilClosed() {
    List<String> batch = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    try {
      while (true) {
        batch.add(lines.take());
        lines.drainTo(batch);
        text.setLength(0);
        boolean stop = false;
        for (String line : batch) {
          if (line == STOP) {
            stop = true;
            break;
          }
          text.append(line);
        }
        batch.clear();
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // stdout is gone (closed pipe): nothing left to tell anyone
    }
  }
}
