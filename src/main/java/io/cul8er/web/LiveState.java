package io.cul8er.web;

import io.cul8er.observe.Event;
import io.cul8er.observe.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps what the dashboard shows up to date and pushes changes to its {@link EventStream}: one
 * thread follows the event log (each event pushed, the deploy history rebuilt from them); one
 * thread reads the fleet again every {@code refresh} while someone watches (one reading at a time,
 * shared by every viewer), pushing {@code fleet} and {@code audit} (the last operations of the
 * audit log) when they changed and {@code traffic} every time.
 * A reading that fails pushes {@code fleet_error}, saying why, and keeps the last fleet.
 */
final class LiveState implements AutoCloseable {
  static final String FLEET = "fleet";
  static final String FLEET_ERROR = "fleet_error";
  static final String TRAFFIC = "traffic";
  static final String HISTORY = "history";
  static final String AUDIT = "audit";
  static final int AUDIT_LINES = 20;
  private static final Duration HISTORY_PUSH = Duration.ofMillis(500);

  private final DashboardSources sources;
  private final EventStream stream;
  private final Supplier<Instant> clock;
  private final DeployHistory history = new DeployHistory();
  private final TrafficRates rates = new TrafficRates();
  private final AtomicBoolean historyChanged = new AtomicBoolean(true);
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(
      daemon("cul8er-dashboard-fleet"));
  private final Thread follower;
  private final Duration refresh;
  private volatile Instant lastReading;
  private volatile boolean failed;

  LiveState(DashboardSources sources, EventStream stream, Duration refresh, Supplier<Instant> clock) {
    this.sources = sources;
    this.stream = stream;
    this.clock = clock;
    this.refresh = refresh;
    this.follower = daemon("cul8er-dashboard-events").newThread(this::follow);
    follower.start();
    reader.scheduleWithFixedDelay(() -> {
      if (stream.viewers() > 0) {
        readFleet();
      }
    }, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    reader.scheduleWithFixedDelay(this::pushHistory, 0, HISTORY_PUSH.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Reads the fleet now, on the fleet thread, unless it was read less than {@code refresh} ago;
   * waits at most {@code timeout} for the reading.
   */
  void ensureFleet(Duration timeout) throws InterruptedException {
    if (fresh()) {
      return;
    }
    try {
      reader.submit(() -> {
        if (!fresh()) {
          readFleet();
        }
      }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // the reading pushes its own error; a slow one is still shown when it ends
    }
  }

  /** Pushes the history now if it changed (the fleet thread does it every half second). */
  void flushHistory() throws InterruptedException {
    try {
      reader.submit(this::pushHistory).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot push the deploy history: " + e.getCause(), e.getCause());
    }
  }

  private boolean fresh() {
    Instant last = lastReading;
    return last != null && Duration.between(last, clock.get()).compareTo(refresh) < 0;
  }

  /** Why the last reading of the fleet failed; empty when it succeeded. */
  Optional<String> failure() {
    return failed ? stream.state(FLEET_ERROR) : Optional.empty();
  }

  /** Why a reading failed, as {@code fleet_error} carries it. */
  record FleetError(Instant at, String error) {}

  private void readFleet() {
    lastReading = clock.get();
    try {
      DashboardSources.Reading reading = sources.fleet();
      String fleet = WebJson.write(reading.fleet());
      if (failed || !stream.state(FLEET).equals(Optional.of(fleet))) {
        stream.publishState(FLEET, fleet); // after a failure too, which the page then stops showing
      }
      failed = false;
      String audit = WebJson.write(Map.of("operations", sources.audit(AUDIT_LINES)));
      if (!stream.state(AUDIT).equals(Optional.of(audit))) {
        stream.publishState(AUDIT, audit);
      }
      rates.add(clock.get(), reading.traffic());
      stream.publishState(TRAFFIC, WebJson.write(Map.of("instances", rates.series())));
    } catch (RuntimeException e) {
      failed = true;
      stream.publishState(FLEET_ERROR, WebJson.write(new FleetError(clock.get(),
          "cannot read the fleet: " + e.getMessage())));
    }
  }

  private void pushHistory() {
    if (historyChanged.getAndSet(false)) {
      List<DeployHistory.Deploy> deploys;
      synchronized (history) {
        deploys = history.deploys();
      }
      stream.publishState(HISTORY, WebJson.write(Map.of("deploys", deploys)));
    }
  }

  private void follow() {
    try {
      sources.follow(this::accept, stopped::get);
    } catch (RuntimeException e) {
      stream.publishState(FLEET_ERROR, WebJson.write(new FleetError(clock.get(),
          "stopped following the event log: " + e.getMessage())));
    }
  }

  private void accept(Event event) {
    synchronized (history) {
      history.accept(event);
    }
    historyChanged.set(true);
    stream.publishEvent(EventJson.write(event));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    stopped.set(true);
    follower.interrupt();
    reader.shutdownNow();
  }
}
