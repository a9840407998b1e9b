package io.cul8er.engine;

import io.cul8er.incus.ExecIo;
import io.cul8er.incus.api.ExecCommand;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Topology;
import io.cul8er.release.LogStart;
import io.cul8er.release.ReleaseLayout;
import io.cul8er.release.ReleaseLogs;
import io.cul8er.state.StateStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code cul8er logs --follow}: the release's output in every instance of a resource, streamed as it
 * comes, one attached command per instance. When one stops (its instance restarted, its host's
 * connection lost) it is started again, showing only what comes next, after a pause; a few such
 * reconnects in a row that bring nothing make it give up on that instance.
 */
public final class LogFollower {
  static final int RECONNECTS = 5;
  private static final long PAUSE_MILLIS = 2000;

  private final Engine engine;

  LogFollower(Engine engine) {
    this.engine = engine;
  }

  /**
   * Follows from {@code start}, each instance's output to {@code out.apply(instance)}, until this
   * thread is interrupted or every instance was given up; {@code notes} is told of reconnects.
   */
  public void follow(Topology topology, StateStore store, String resource, LogStart start,
      Function<String, OutputStream> out, Consumer<String> notes) {
    ReleaseInstances found = ReleaseInstances.of(topology, store, resource,
        "has no release log; use `incus console` for its console");
    if (found.instances().isEmpty()) {
      notes.accept("no recorded instance of " + resource + "; deploy it first");
      return;
    }
    ReleaseLayout layout = ReleaseLayout.of(found.release());
    List<Thread> followers = new ArrayList<>();
    for (RecordedInstance instance : found.instances()) {
      Thread follower = new Thread(() -> follow(topology, instance, layout, start, out.apply(instance.instanceName()),
          notes), "logs of " + instance.instanceName());
      follower.setDaemon(true);
      follower.start();
      followers.add(follower);
    }
    try {
      for (Thread follower : followers) {
        follower.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void follow(Topology topology, RecordedInstance instance, ReleaseLayout layout, LogStart start,
      OutputStream out, Consumer<String> notes) {
    String name = instance.instanceName();
    LogStart from = start;
    int fruitless = 0;
    while (!Thread.currentThread().isInterrupted()) {
      Counting counted = new Counting(out);
      String why;
      try {
        List<String> argv = ReleaseLogs.read(layout, from, true);
        int code = engine.hostTools(topology, instance.host()).attach(name, ExecCommand.of(argv.toArray(String[]::new)),
            new ExecIo(InputStream.nullInputStream(), counted, OutputStream.nullOutputStream(), Optional.empty()));
        why = "the reader exited with " + code;
      } catch (RuntimeException e) {
        why = e.getMessage();
      }
      fruitless = counted.bytes > 0 ? 1 : fruitless + 1;
      if (fruitless > RECONNECTS) {
        notes.accept(name + ": stopped following after " + RECONNECTS + " reconnects in a row: " + why);
        return;
      }
      notes.accept(name + ": following stopped (" + why + "); again in " + PAUSE_MILLIS / 1000
          + " s, new lines only (" + fruitless + "/" + RECONNECTS + ")");
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      from = new LogStart.Last(0);
    }
  }

  /** Passes bytes on, counting them. */
  private static final class Counting extends OutputStream {
    private final OutputStream out;
    private long bytes;

    Counting(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws java.io.IOException {
      out.write(b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      out.write(b, off, len);
      bytes += len;
    }

    @Override
    public void flush() throws java.io.IOException {
      out.flush();
    }
  }
}
