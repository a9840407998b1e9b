package io.cul8er.bench;

import io.cul8er.model.Observability;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventBus;
import io.cul8er.observe.EventLog;
import io.cul8er.observe.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What observability costs a deploy: the events a rolling deploy of 3 instances publishes (deploy
 * started/finished, 3 batches, 3 drains, 3 enables, 3 health checks), written through the bus to
 * the JSON-lines event log (one append each, as the engine does) and counted into the metrics.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventsBenchmark {
  private Path dir;
  private EventBus bus;
  private List<Event> deploy;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("cul8er-events-bench");
    bus = new EventBus((event, failure) -> {
      throw new IllegalStateException(failure);
    });
    bus.subscribe(EventLog.open(dir.resolve("events.jsonl"), Observability.all()));
    bus.subscribe(new Metrics(Observability.all()));
    Instant at = Instant.parse("2026-11-26T00:00:00Z");
    deploy = new ArrayList<>();
    deploy.add(new Event.DeployStarted(at, "bench", "rolling"));
    for (int i = 1; i <= 3; i++) {
      String instance = "bench-web-" + i;
      deploy.add(new Event.BatchStarted(at, "bench", i, List.of(instance)));
      deploy.add(new Event.InstanceDrained(at, "bench", instance, Duration.ofMillis(4)));
      deploy.add(new Event.HealthCheckPassed(at, "bench", instance, Duration.ofMillis(3)));
      deploy.add(new Event.InstanceEnabled(at, "bench", instance));
    }
    deploy.add(new Event.DeployFinished(at, "bench", "succeeded", Duration.ofSeconds(10), "rolling"));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Every event of one deploy: the cost observability adds to it. */
  @Benchmark
  public int eventsOfOneDeploy() {
    deploy.forEach(bus::publish);
    return deploy.size();
  }
}
