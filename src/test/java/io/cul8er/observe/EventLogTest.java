package io.cul8er.observe;

import static io.cul8er.observe.Events.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Observability;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
  private static final Duration POLL = Duration.ofMillis(10);

  @TempDir Path dir;

  @Test
  void selectedEventsAreAppendedAsExactJsonLines() throws IOException {
    Path file = dir.resolve(".cul8er/prod/events.jsonl");
    EventLog log = EventLog.open(file, new Observability(List.of(), List.of("node_joined", "health_check_failed"), SourcePos.NONE));

    Events.everyType().forEach(log);

    assertThat(Files.readAllLines(file)).containsExactly(
        "{\"type\":\"health_check_failed\",\"at\":\"2026-11-26T02:47:04Z\",\"topology\":\"prod\",\"instance\":\"web-2\","
            + "\"reason\":\"status 503\",\"latency\":\"PT0.06S\"}",
        "{\"type\":\"node_joined\",\"at\":\"2026-11-26T02:47:07Z\",\"topology\":\"prod\",\"cluster\":\"app\","
            + "\"node\":\"web-1\",\"size\":2}",
        "{\"type\":\"incus_lifecycle\",\"at\":\"2026-11-26T02:47:08Z\",\"topology\":\"prod\","
            + "\"action\":\"instance-started\",\"source\":\"/1.0/instances/web-1\"}",
        "{\"type\":\"sink_dropped\",\"at\":\"2026-11-26T02:47:09Z\",\"topology\":\"prod\","
            + "\"sink\":\"webhook https://hooks.example.com/deploys\",\"dropped\":3,\"reason\":\"answered status 503\"}");
  }

  @Test
  void theEventsSelectedMetricsAreComputedFromAreLoggedToo() {
    Path file = dir.resolve("events.jsonl");
    EventLog log = EventLog.open(file, new Observability(List.of("deployment_duration", "cluster_size"), List.of(), SourcePos.NONE));

    Events.everyType().forEach(log);

    assertThat(EventLog.read(file)).extracting(Event::type)
        .containsExactly("deploy_finished", "node_joined", "node_left", "cluster_formed", "incus_lifecycle",
            "sink_dropped");
  }

  @Test
  void whatIsShownIsWhatTheDslSelectsIncusAndSinkDrops() {
    var shown = EventSelection.shown(new Observability(List.of("rollbacks"), List.of("drift_detected"), SourcePos.NONE));

    assertThat(Events.everyType().stream().filter(shown)).extracting(Event::type)
        .containsExactly("drift_detected", "incus_lifecycle", "sink_dropped");
  }

  @Test
  void readGivesBackEveryEventInOrderAndNothingForAMissingLog() {
    Path file = dir.resolve("events.jsonl");
    EventLog log = EventLog.open(file, Observability.all());
    Events.everyType().forEach(log);

    assertThat(EventLog.read(file)).containsExactlyElementsOf(Events.everyType());
    assertThat(EventLog.read(dir.resolve("none.jsonl"))).isEmpty();
  }

  @Test
  void aCorruptLineIsReportedWithTheFile() throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"type\":\"nope\"}\n");

    assertThatThrownBy(() -> EventLog.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event log " + file + " has a line that is not an event: ");
  }

  @Test
  void aLineStillBeingWrittenIsLeftForLater() throws IOException {
    Path file = dir.resolve("events.jsonl");
    String line = EventJson.write(new Event.InstanceEnabled(at(0), "prod", "web-1"));
    Files.writeString(file, line + "\n" + line.substring(0, 20));

    assertThat(EventLog.read(file)).hasSize(1);
  }

  @Test
  void concurrentWritersNeverSplitALine() throws Exception {
    Path file = dir.resolve("events.jsonl");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      EventLog log = EventLog.open(file, Observability.all());
      int writer = w;
      writers.add(pool.submit(() -> {
        for (int i = 0; i < 100; i++) {
          log.accept(new Event.DriftDetected(at(i), "prod", "web-" + writer, "x".repeat(2000)));
        }
      }));
    }
    for (Future<?> writer : writers) {
      writer.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(EventLog.read(file)).hasSize(800);
  }

  @Test
  void followGivesTheExistingEventsThenTheNewOnes() throws Exception {
    Path file = dir.resolve("events.jsonl");
    EventLog log = EventLog.open(file, Observability.all());
    log.accept(new Event.DeployStarted(at(0), "prod", "rolling"));
    List<Event> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    Thread follower = new Thread(() -> EventLog.follow(file, seen::add, stop::get, POLL));
    follower.start();

    awaitSize(seen, 1);
    log.accept(new Event.InstanceEnabled(at(1), "prod", "web-1"));
    log.accept(new Event.InstanceEnabled(at(2), "prod", "web-2"));
    awaitSize(seen, 3);
    stop.set(true);
    follower.join(2000);

    assertThat(follower.isAlive()).as("follow returns once told to stop").isFalse();
    assertThat(seen).extracting(Event::type).containsExactly("deploy_started", "instance_enabled", "instance_enabled");
  }

  @Test
  void followWaitsForTheLogToAppearAndRereadsOneThatShrank() throws Exception {
    Path file = dir.resolve("later/events.jsonl");
    List<Event> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    Thread follower = new Thread(() -> EventLog.follow(file, seen::add, stop::get, POLL));
    follower.start();
    Thread.sleep(50);
    EventLog log = EventLog.open(file, Observability.all());
    log.accept(new Event.InstanceEnabled(at(1), "prod", "web-1"));
    log.accept(new Event.InstanceEnabled(at(2), "prod", "web-2"));
    awaitSize(seen, 2);

    Files.writeString(file, EventJson.write(new Event.DeployStarted(at(3), "prod", "canary")) + "\n",
        StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    awaitSize(seen, 3);
    stop.set(true);
    follower.join(2000);

    assertThat(seen).extracting(Event::type).containsExactly("instance_enabled", "instance_enabled", "deploy_started");
  }

  @Test
  void followEndsWhenItsThreadIsInterrupted() throws InterruptedException {
    Thread follower = new Thread(() -> EventLog.follow(dir.resolve("none.jsonl"), e -> {}, () -> false, Duration.ofSeconds(30)));
    follower.start();
    follower.interrupt();
    follower.join(2000);

    assertThat(follower.isAlive()).isFalse();
  }

  @Test
  void theLogIsInTheTopologysStateDirectory() {
    Topology fromFile = topology(new StateBackend.File("state", SourcePos.NONE), new SourcePos("/srv/app/deploy/prod.cul8", 1, 1));
    Topology inPostgres = topology(new StateBackend.Postgres("jdbc:postgresql://db/x", java.util.Optional.empty(), SourcePos.NONE),
        new SourcePos("/srv/app/prod.cul8", 1, 1));
    Topology fromJava = topology(StateBackend.defaultFile(), SourcePos.NONE);

    assertThat(EventLog.location(fromFile)).isEqualTo(Path.of("/srv/app/deploy/state/prod/events.jsonl"));
    assertThat(EventLog.location(inPostgres)).isEqualTo(Path.of("/srv/app/.cul8er/prod/events.jsonl"));
    assertThat(EventLog.location(fromJava)).isEqualTo(Path.of("").toAbsolutePath().resolve(".cul8er/prod/events.jsonl"));
  }

  private static Topology topology(StateBackend state, SourcePos pos) {
    return new Topology("prod", List.of(), List.of(), List.of(), null, Observability.all(), state, pos);
  }

  /** Bounded: at most 5 s. */
  private static void awaitSize(List<Event> seen, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (seen.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(seen).hasSize(size);
  }
}
