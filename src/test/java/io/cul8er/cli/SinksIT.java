package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cul8er.LiveComponents;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventJson;
import io.cul8er.observe.EventLog;
import io.cul8er.observe.WebhookSignature;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real apply of a one-container topology sends its events to three sinks: a webhook on a local
 * HTTP server, whose signatures are checked; a command; and two webhooks that fail (refused, and
 * hanging without an answer), which neither fail nor hold up the deploy, and cost a warning line each.
 * Its trace goes over OTLP/HTTP to a receiver on the same server, which decodes the protobuf.
 */
class SinksIT {
  private static final String NAME = "sink" + UUID.randomUUID().toString().substring(0, 6);
  private static final String SECRET = "s3cret-" + UUID.randomUUID();

  @TempDir static Path dir;
  private static final List<Received> received = new CopyOnWriteArrayList<>();
  private static final List<Span> spans = new CopyOnWriteArrayList<>();
  private static final CountDownLatch hangUntilTheEnd = new CountDownLatch(1);
  private static final CountDownLatch hangingPostOpen = new CountDownLatch(1);
  private static HttpServer server;
  private static ExecutorService handlers;
  private static Path file;
  private static Cli.Run apply;

  private record Received(String timestamp, String signature, String body) {}

  @BeforeAll
  static void applyWithSinks() throws IOException {
    LiveComponents.requireIncus();
    handlers = Executors.newCachedThreadPool();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(handlers);
    server.createContext("/hook", SinksIT::receive);
    server.createContext("/hang", SinksIT::hang);
    server.createContext("/v1/traces", SinksIT::traces);
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    Files.writeString(dir.resolve("hook.key"), SECRET + "\n");
    file = Files.writeString(dir.resolve(NAME + ".cul8"), """
        topology :%1$s do
          host :local do
            address "localhost"
            platform :debian
          end
          resource :web, type: :container, on: :local do
            from_image "cul8er/busybox"
          end
          observability do
            sink :webhook, url: "%2$s/hook", secret: [from: :file, path: "%3$s/hook.key"], events: [:deploy_started, :deploy_finished]
            sink :command, run: ["sh", "-c", "cat >> %3$s/got.jsonl"], events: [:deploy_finished]
            sink :webhook, url: "http://127.0.0.1:1/refused", secret: [from: :file, path: "%3$s/hook.key"]
            sink :webhook, url: "%2$s/hang", secret: [from: :file, path: "%3$s/hook.key"]
            traces otlp: "%2$s"
          end
        end
        """.formatted(NAME, base, dir));
    apply = Cli.run("apply", NAME, "-f", file.toString(), "--yes");
  }

  private static void receive(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
        exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), body));
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  private static void traces(HttpExchange exchange) throws IOException {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
    request.getResourceSpansList().forEach(r -> r.getScopeSpansList().forEach(s -> spans.addAll(s.getSpansList())));
    byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  private static void hang(HttpExchange exchange) throws IOException {
    hangingPostOpen.countDown();
    try {
      hangUntilTheEnd.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.sendResponseHeaders(503, -1);
    exchange.close();
  }

  @AfterAll
  static void destroy() {
    hangUntilTheEnd.countDown();
    try {
      if (file != null) {
        Cli.run("destroy", NAME, "-f", file.toString(), "--yes");
      }
      new ProcessBuilder("incus", "delete", "-f", NAME + "-web").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException leftover) {
      // nothing left to delete, or incus is gone: the next run uses another name
    } finally {
      if (server != null) {
        server.stop(0);
        handlers.shutdownNow();
      }
    }
  }

  private static Path log() {
    return dir.resolve(".cul8er").resolve(NAME).resolve("events.jsonl");
  }

  @Test
  void failingSinksNeitherFailNorHoldUpTheDeployAndCostOneWarningLineEach() {
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(hangingPostOpen.getCount()).as("the hanging sink got a POST").isZero();
    assertThat(hangUntilTheEnd.getCount()).as("the deploy finished while that POST was unanswered").isOne();
    assertThat(apply.all().lines().filter(l -> l.contains("[events] sink: ")).toList())
        .hasSize(2)
        .anySatisfy(l -> assertThat(l).startsWith("[events] sink: webhook http://127.0.0.1:1/refused: "))
        .anySatisfy(l -> assertThat(l).startsWith("[events] sink: webhook http://127.0.0.1:"
            + server.getAddress().getPort() + "/hang: "));
    assertThat(EventLog.read(log())).filteredOn(e -> e instanceof Event.SinkDropped)
        .extracting(e -> ((Event.SinkDropped) e).sink())
        .containsExactlyInAnyOrder("webhook http://127.0.0.1:1/refused",
            "webhook http://127.0.0.1:" + server.getAddress().getPort() + "/hang");
  }

  @Test
  void theDeployIsATraceExportedOverOtlpHttpWithTheLoggedTimings() {
    List<Event> logged = EventLog.read(log());
    Event started = logged.stream().filter(e -> e instanceof Event.DeployStarted).findFirst().orElseThrow();
    Event finished = logged.stream().filter(e -> e instanceof Event.DeployFinished).findFirst().orElseThrow();

    assertThat(spans).extracting(Span::getName).containsExactly("deploy");
    Span deploy = spans.get(0);
    assertThat(deploy.getParentSpanId().isEmpty()).isTrue();
    assertThat(deploy.getAttributesList()).extracting(a -> a.getKey() + "=" + a.getValue().getStringValue())
        .containsExactlyInAnyOrder("cul8er.topology=" + NAME, "cul8er.strategy=rolling", "cul8er.outcome=succeeded");
    assertThat(deploy.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    assertThat(Instant.ofEpochSecond(0, deploy.getStartTimeUnixNano())).isEqualTo(started.at());
    assertThat(Instant.ofEpochSecond(0, deploy.getEndTimeUnixNano())).isEqualTo(finished.at());
  }

  @Test
  void theWebhookGetsTheSelectedEventsAsTheLogsJsonLinesSigned() throws IOException {
    List<String> logged = Files.readAllLines(log());

    assertThat(received).extracting(r -> EventJson.read(r.body()).type())
        .containsExactly("deploy_started", "deploy_finished");
    for (Received r : received) {
      assertThat(r.signature()).isEqualTo(WebhookSignature.sign(SECRET, Long.parseLong(r.timestamp()), r.body()));
      assertThat(logged).contains(r.body());
    }
    assertThat(Files.readAllLines(dir.resolve("got.jsonl"))).containsExactly(received.get(1).body());
  }
}
