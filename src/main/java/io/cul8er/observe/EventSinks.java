package io.cul8er.observe;

import io.cul8er.model.Observability;
import io.cul8er.model.Sink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A topology's sinks, subscribed to its {@link EventBus}: each selected event is queued for each
 * sink that wants it and delivered on that sink's own thread, so a slow or failing sink never
 * holds up the publisher. {@link #close} gives the queued events a bounded time to go out.
 */
public final class EventSinks implements Consumer<Event> {
  /** Events a sink may have waiting; more drop the oldest. */
  public static final int QUEUE_CAPACITY = 1000;
  /** How long {@link #close} waits, at most, for the queued events of all sinks. */
  public static final Duration FLUSH = Duration.ofSeconds(2);

  private final String topology;
  private final Clock clock;
  private final List<Wanted> sinks;

  private record Wanted(Set<String> types, SinkWorker worker) {}

  private EventSinks(String topology, Clock clock, List<Wanted> sinks) {
    this.topology = topology;
    this.clock = clock;
    this.sinks = sinks;
  }

  /**
   * Starts a worker per sink. {@code secretOf} gives a webhook's signing key (and fails, naming
   * the secret, when it cannot be read: that sink is then left out, with a warning); {@code
   * commandOutput} is the file command sinks' output goes to, rotated at {@code outputLimits};
   * {@code warn} is told once per sink that fails.
   */
  public static EventSinks start(String topology, List<Sink> sinks, Function<Sink.Webhook, String> secretOf,
      Path commandOutput, Observability.EventLogLimits outputLimits, Backoff backoff, Clock clock,
      Consumer<String> warn) {
    List<Wanted> started = new ArrayList<>();
    for (Sink sink : sinks) {
      SinkDelivery delivery;
      try {
        delivery = sink instanceof Sink.Webhook w
            ? new WebhookDelivery(w.url(), secretOf.apply(w), clock)
            : new CommandDelivery(((Sink.Command) sink).run(), CommandDelivery.TIMEOUT, commandOutput, outputLimits,
                clock);
      } catch (RuntimeException e) {
        warn.accept(sink.label() + ": not started, so it gets no events: " + e.getMessage());
        continue;
      }
      started.add(new Wanted(new HashSet<>(sink.events()),
          new SinkWorker(sink.label(), delivery, QUEUE_CAPACITY, backoff, warn)));
    }
    return new EventSinks(topology, clock, List.copyOf(started));
  }

  /** Queues the event for each sink that selects it; never blocks. */
  @Override
  public void accept(Event event) {
    String json = null;
    for (Wanted sink : sinks) {
      if (sink.types().contains(event.type())) {
        json = json == null ? EventJson.write(event) : json;
        sink.worker().offer(json);
      }
    }
  }

  /**
   * Waits up to {@code flush} for every sink's queued events, then stops the sinks; what was not
   * delivered is dropped. Returns a {@code sink_dropped} event per sink that dropped any.
   */
  public List<Event.SinkDropped> close(Duration flush) {
    long deadline = System.nanoTime() + flush.toNanos();
    List<Event.SinkDropped> drops = new ArrayList<>();
    for (Wanted sink : sinks) {
      try {
        long dropped = sink.worker().close(deadline);
        if (dropped > 0) {
          drops.add(new Event.SinkDropped(clock.instant(), topology, sink.worker().label(), dropped,
              sink.worker().lastFailure()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return drops;
      }
    }
    return drops;
  }
}
