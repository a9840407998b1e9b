package io.cul8er.observe;

import io.cul8er.model.Observability;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A topology's event log: JSON lines (see {@link EventJson}), appended by every process that
 * deploys the topology and read by {@code cul8er events} and {@code cul8er metrics}. Each event is
 * one {@code O_APPEND} write of one whole line, so concurrent writers never interleave within a
 * line. Subscribe an instance to an {@link EventBus} to log what the bus carries.
 */
public final class EventLog implements Consumer<Event> {
  /** How often {@link #follow} looks for new lines by default. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final Path file;
  private final Predicate<Event> keep;
  private final Observability.EventLogLimits limits;

  public EventLog(Path file, Predicate<Event> keep) {
    this(file, keep, Observability.EventLogLimits.DEFAULT);
  }

  public EventLog(Path file, Predicate<Event> keep, Observability.EventLogLimits limits) {
    this.file = file;
    this.keep = keep;
    this.limits = limits;
  }

  /**
   * The log of {@code file}, keeping what {@code selection} asks for ({@link EventSelection#logged}),
   * rotated at the size it sets.
   */
  public static EventLog open(Path file, Observability selection) {
    return new EventLog(file, EventSelection.logged(selection), selection.eventLog());
  }

  /**
   * Where a topology's event log is: {@code events.jsonl} in the topology's state directory
   * ({@code .cul8er/<topology>/} next to the topology file, or the directory its file backend
   * names; {@code .cul8er} when the state is in PostgreSQL).
   */
  public static Path location(Topology topology) {
    String root = topology.state() instanceof StateBackend.File f ? f.directory() : ".cul8er";
    String source = topology.pos().file();
    Path base = source.startsWith("<") || source.isEmpty()
        ? Path.of("").toAbsolutePath()
        : Path.of(source).toAbsolutePath().getParent();
    return base.resolve(root).resolve(topology.name()).resolve("events.jsonl").normalize();
  }

  public Path file() {
    return file;
  }

  /** Appends {@code event} if the selection keeps it. */
  @Override
  public void accept(Event event) {
    if (keep.test(event)) {
      append(event);
    }
  }

  private void append(Event event) {
    ByteBuffer line = ByteBuffer.wrap((EventJson.write(event) + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      LogRotation.rotateIfFull(file, line.remaining(), limits);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        while (line.hasRemaining()) {
          channel.write(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append event " + event.type() + " to " + file + ": " + e, e);
    }
  }

  /** Every event of the log, oldest first, its rotated files first; none when there is no log yet. */
  public static List<Event> read(Path file) {
    List<Event> events = new ArrayList<>();
    for (Path part : LogRotation.files(file)) {
      try {
        new LineTail(part).readCompleteLines(line -> events.add(parse(part, line)));
      } catch (NoSuchFileException rotatedMeanwhile) {
        // another process rotated the log while it was read
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read event log " + part + ": " + e, e);
      }
    }
    return List.copyOf(events);
  }

  /** {@link #follow(Path, Consumer, BooleanSupplier, Duration)} polling every {@link #POLL_INTERVAL}. */
  public static void follow(Path file, Consumer<Event> sink, BooleanSupplier stop) {
    follow(file, sink, stop, POLL_INTERVAL);
  }

  /**
   * Like {@code tail -f}: gives the events already in the log, then each new one as it is
   * appended, until {@code stop} says so (checked at least every {@code poll}) or the thread is
   * interrupted. A log that does not exist yet is waited for; one that shrinks is read again from
   * its start.
   */
  public static void follow(Path file, Consumer<Event> sink, BooleanSupplier stop, Duration poll) {
    LineTail tail = new LineTail(file);
    while (!stop.getAsBoolean()) {
      try {
        tail.readCompleteLines(line -> sink.accept(parse(file, line)));
      } catch (NoSuchFileException notYet) {
        // wait for the first deploy to create it
      } catch (IOException e) {
        throw new UncheckedIOException("cannot follow event log " + file + ": " + e, e);
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Event parse(Path file, String line) {
    try {
      return EventJson.read(line);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("event log " + file + " has a line that is " + e.getMessage(), e);
    }
  }
}
