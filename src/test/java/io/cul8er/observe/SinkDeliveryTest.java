package io.cul8er.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkDeliveryTest {
  private static final Backoff NO_WAIT = new Backoff(Duration.ZERO, Duration.ZERO, 3);

  @TempDir Path dir;

  @Test
  void signatureIsHmacSha256OfTimestampDotBody() {
    // echo -n '1700000000.{"type":"deploy_started"}' | openssl dgst -sha256 -hmac s3cret
    assertThat(WebhookSignature.sign("s3cret", 1700000000L, "{\"type\":\"deploy_started\"}"))
        .isEqualTo("sha256=8f9768c4d520418322571309f2509fc89221abded9233df4a04fb7b0ba5ffaee");
  }

  @Test
  void backoffDoublesUpToItsCeilingWithJitterInTheUpperHalf() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3), 6);
    assertThat(List.of(1, 2, 3, 4, 5).stream().map(n -> backoff.delayAfter(n, () -> 0.0).toMillis()).toList())
        .containsExactly(250L, 500L, 1000L, 1500L, 1500L);
    assertThat(List.of(1, 2, 3, 4, 5).stream().map(n -> backoff.delayAfter(n, () -> 0.999).toMillis()).toList())
        .containsExactly(499L, 999L, 1999L, 2998L, 2998L);
  }

  @Test
  void aFullQueueDropsTheOldestAndCountsIt() throws InterruptedException {
    SinkQueue queue = new SinkQueue(2);
    queue.offer("a");
    queue.offer("b");
    queue.offer("c");

    assertThat(queue.take(Duration.ZERO)).contains("b");
    assertThat(queue.take(Duration.ZERO)).contains("c");
    assertThat(queue.take(Duration.ZERO)).isEmpty();
    assertThat(queue.dropped()).isEqualTo(1);
  }

  @Test
  void aFailingSinkIsTriedAsOftenAsTheBackoffSaysThenDropsWithOneWarning() throws InterruptedException {
    List<String> tried = Collections.synchronizedList(new ArrayList<>());
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    SinkWorker worker = new SinkWorker("webhook http://127.0.0.1:9/", json -> {
      tried.add(json);
      throw new IOException("Connection refused");
    }, 10, NO_WAIT, warnings::add);
    worker.offer("one");
    worker.offer("two");

    long dropped = worker.close(System.nanoTime() + Duration.ofSeconds(30).toNanos());

    assertThat(dropped).isEqualTo(2);
    assertThat(tried).containsExactly("one", "one", "one", "two", "two", "two");
    assertThat(warnings).containsExactly("webhook http://127.0.0.1:9/: an event was not delivered after 3 tries: "
        + "Connection refused (further failures are counted as sink_dropped in the event log, not shown)");
  }

  @Test
  void aHangingSinkIsStoppedAtTheFlushDeadlineAndWhatItHeldIsDropped() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    SinkWorker worker = new SinkWorker("command hang", json -> never.await(), 10, NO_WAIT, warnings::add);
    worker.offer("one");
    worker.offer("two");
    worker.offer("three");

    long dropped = worker.close(System.nanoTime() + Duration.ofMillis(100).toNanos());

    assertThat(dropped).isEqualTo(3);
    assertThat(warnings).containsExactly("command hang: 3 event(s) dropped (further failures are counted as "
        + "sink_dropped in the event log, not shown)");
  }

  @Test
  void aWorkingSinkGetsEveryEventInOrderBeforeCloseReturns() throws InterruptedException {
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    SinkWorker worker = new SinkWorker("command ok", got::add, 10, NO_WAIT, w -> { });
    List.of("1", "2", "3").forEach(worker::offer);

    assertThat(worker.close(System.nanoTime() + Duration.ofSeconds(30).toNanos())).isZero();
    assertThat(got).containsExactly("1", "2", "3");
  }

  @Test
  void aFailureIsDescribedByTheFirstMessageAlongItsCauses() {
    assertThat(SinkWorker.describe(new java.net.ConnectException()))
        .isEqualTo("ConnectException");
    assertThat(SinkWorker.describe(new IOException(null, new java.net.ConnectException("Connection refused"))))
        .isEqualTo("Connection refused");
  }

  @Test
  void aCommandGetsTheEventOnStdinAndItsOutputIsLogged() throws Exception {
    Path output = dir.resolve("sinks.log");
    Clock clock = Clock.fixed(Events.AT, ZoneOffset.UTC);
    new CommandDelivery(List.of("sh", "-c", "echo got; cat"), Duration.ofSeconds(30), output,
        Observability.EventLogLimits.DEFAULT, clock).deliver("{\"type\":\"deploy_started\"}");

    assertThat(Files.readString(output)).isEqualTo(
        "--- 2026-11-26T02:47:00Z sh -c echo got; cat\ngot\n{\"type\":\"deploy_started\"}\n");
  }

  @Test
  void aCommandThatExitsNonZeroFailsNamingItsExitAndOutput() {
    Path output = dir.resolve("sinks.log");
    CommandDelivery failing = new CommandDelivery(List.of("sh", "-c", "exit 3"), Duration.ofSeconds(30), output,
        Observability.EventLogLimits.DEFAULT, Clock.systemUTC());

    assertThatThrownBy(() -> failing.deliver("{}"))
        .hasMessage("exited 3 (its output is in " + output + ")");
  }

  @Test
  void theCommandsOutputLogRotatesOnceItHasReachedItsLimitKeepingTheNewestFiles() throws Exception {
    Path output = dir.resolve("sinks.log");
    Clock clock = Clock.fixed(Events.AT, ZoneOffset.UTC);
    CommandDelivery delivery = new CommandDelivery(List.of("sh", "-c", "cat"), Duration.ofSeconds(30), output,
        new Observability.EventLogLimits(100, 2), clock);
    for (int n = 1; n <= 4; n++) {
      delivery.deliver("{\"n\":" + n + ",\"pad\":\"" + "x".repeat(40) + "\"}");
    }

    String run = "--- 2026-11-26T02:47:00Z sh -c cat\n";
    assertThat(Files.readString(output)).isEqualTo(run + "{\"n\":4,\"pad\":\"" + "x".repeat(40) + "\"}\n");
    assertThat(Files.readString(dir.resolve("sinks.log.1"))).isEqualTo(run + "{\"n\":3,\"pad\":\"" + "x".repeat(40) + "\"}\n");
    assertThat(Files.readString(dir.resolve("sinks.log.2"))).isEqualTo(run + "{\"n\":2,\"pad\":\"" + "x".repeat(40) + "\"}\n");
    assertThat(dir.resolve("sinks.log.3")).doesNotExist();
  }
}
