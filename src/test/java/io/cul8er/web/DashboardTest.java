package io.cul8er.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.observe.Event;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dashboard's HTTP answers, over a real socket, from sources scripted here. */
class DashboardTest {
  private static final String TOKEN = "0123456789abcdef-token";
  static final FleetView FLEET = new FleetView("shop", List.of(new FleetView.Host("local", true, ""),
      new FleetView.Host("far", false, "connection refused")),
      List.of(new FleetView.Instance("shop-web-1", "web", "local", "Running", "1.0.0", "healthy", "in", "10.0.0.2"),
          new FleetView.Instance("shop-web-2", "web", "far", "unknown", "1.0.0", "healthy", "-", "-")),
      List.of(new FleetView.Cluster("app", false, List.of(
          new FleetView.Member("shop-web-1", true, List.of("shop-web-1"), List.of("shop-web-2"))))),
      List.of("edge on far is not running: the next deploy starts or reloads it"));
  static final String FLEET_JSON = "{\"topology\":\"shop\",\"hosts\":[{\"name\":\"local\",\"reachable\":true,"
      + "\"problem\":\"\"},{\"name\":\"far\",\"reachable\":false,\"problem\":\"connection refused\"}],\"instances\":["
      + "{\"name\":\"shop-web-1\",\"resource\":\"web\",\"host\":\"local\",\"state\":\"Running\",\"version\":\"1.0.0\","
      + "\"health\":\"healthy\",\"edge\":\"in\",\"address\":\"10.0.0.2\"},"
      + "{\"name\":\"shop-web-2\",\"resource\":\"web\",\"host\":\"far\",\"state\":\"unknown\",\"version\":\"1.0.0\","
      + "\"health\":\"healthy\",\"edge\":\"-\",\"address\":\"-\"}],\"clusters\":[{\"name\":\"app\",\"formed\":false,"
      + "\"members\":[{\"instance\":\"shop-web-1\",\"answered\":true,\"sees\":[\"shop-web-1\"],"
      + "\"missing\":[\"shop-web-2\"]}]}],"
      + "\"problems\":[\"edge on far is not running: the next deploy starts or reloads it\"]}";

  private final AtomicInteger scrapes = new AtomicInteger();
  private final AtomicReference<FleetView> fleet = new AtomicReference<>(FLEET);
  private final HttpClient http = HttpClient.newHttpClient();
  private Dashboard dashboard;

  private final DashboardSources sources = new DashboardSources() {
    @Override
    public Reading fleet() {
      if (fleet.get() == null) {
        throw new IllegalStateException("host local is unreachable");
      }
      return new Reading(fleet.get(), List.of());
    }

    @Override
    public void follow(Consumer<Event> sink, BooleanSupplier stop) {
      DeployHistoryTest.twoDeploys().forEach(sink);
      while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    @Override
    public List<AuditLine> audit(int count) {
      return List.of(new AuditLine(Instant.parse("2026-12-07T20:00:05Z"), "ana", "laptop", "deploy", "failed",
          Duration.ofSeconds(5), "rolled back: web-1 failed its health check"));
    }

    @Override
    public String metricsText() {
      if (fleet.get() == null) {
        throw new IllegalStateException("event log unreadable");
      }
      return "scrape_number " + scrapes.incrementAndGet() + "\n";
    }
  };

  @AfterEach
  void stop() {
    if (dashboard != null) {
      dashboard.close();
    }
  }

  private String start(Optional<String> token) throws Exception {
    dashboard = Dashboard.start(new DashboardOptions(DashboardOptions.address("127.0.0.1"), 0, token,
        Duration.ofMillis(100)), sources);
    return dashboard.url();
  }

  @Test
  void metricsAreComputedForEveryScrapeAndAFailingOneIsA500SayingWhy() throws Exception {
    String url = start(Optional.empty());

    HttpResponse<String> first = get(url + "metrics");
    HttpResponse<String> second = get(url + "metrics");
    fleet.set(null);
    HttpResponse<String> failing = get(url + "metrics");

    assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(first.body()).isEqualTo("scrape_number 1\n");
    assertThat(second.body()).isEqualTo("scrape_number 2\n");
    assertThat(failing.statusCode()).isEqualTo(500);
    assertThat(failing.body()).isEqualTo("cannot compute the metrics: event log unreadable\n");
  }

  @Test
  void withNobodyWatchingTheFleetIsReadAgainOnceTheLastReadingIsOlderThanTheIntervalAndAFailureIsA503() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T20:00:00Z"));
    dashboard = Dashboard.start(new DashboardOptions(DashboardOptions.address("127.0.0.1"), 0, Optional.empty(),
        Duration.ofSeconds(2)), sources, now::get);
    String url = dashboard.url() + "api/fleet";

    String first = get(url).body();
    fleet.set(new FleetView("shop", List.of(), List.of(), List.of(), List.of()));
    String withinTheInterval = get(url).body();
    now.set(now.get().plusSeconds(2));
    String after = get(url).body();
    fleet.set(null);
    now.set(now.get().plusSeconds(2));
    HttpResponse<String> failing = get(url);

    assertThat(first).isEqualTo(FLEET_JSON);
    assertThat(withinTheInterval).isEqualTo(FLEET_JSON);
    assertThat(after).isEqualTo("{\"topology\":\"shop\",\"hosts\":[],\"instances\":[],\"clusters\":[],\"problems\":[]}");
    assertThat(failing.statusCode()).isEqualTo(503);
    assertThat(failing.body())
        .isEqualTo("{\"at\":\"2026-12-07T20:00:04Z\",\"error\":\"cannot read the fleet: host local is unreachable\"}");
  }

  @Test
  void theApiAnswersTheFleetHistoryAndAuditAsJsonNeverCachedAndEveryAnswerIsLockedDown() throws Exception {
    String url = start(Optional.empty());

    HttpResponse<String> fleetReply = get(url + "api/fleet");
    HttpResponse<String> history = get(url + "api/history");
    HttpResponse<String> audit = get(url + "api/audit");
    HttpResponse<String> page = get(url);
    HttpResponse<String> script = get(url + "dashboard.js");

    assertThat(fleetReply.statusCode()).isEqualTo(200);
    assertThat(fleetReply.body()).isEqualTo(FLEET_JSON);
    assertThat(fleetReply.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
    assertThat(fleetReply.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(history.body()).startsWith("{\"deploys\":[{\"started_at\":\"2026-12-07T20:00:00Z\",\"strategy\":"
        + "\"rolling\",\"outcome\":\"rolled_back\",\"duration\":\"PT5S\",\"steps\":[{\"host\":\"local\"");
    assertThat(audit.body()).isEqualTo("{\"operations\":[{\"at\":\"2026-12-07T20:00:05Z\",\"user\":\"ana\","
        + "\"host\":\"laptop\",\"operation\":\"deploy\",\"outcome\":\"failed\",\"duration\":\"PT5S\","
        + "\"summary\":\"rolled back: web-1 failed its health check\"}]}");
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(page.body()).contains("<script src=\"dashboard.js\" defer></script>").doesNotContain("<script>")
        .contains("aria-live=\"polite\"");
    assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    for (HttpResponse<String> reply : List.of(fleetReply, history, audit, page, script)) {
      assertThat(reply.headers().firstValue("Content-Security-Policy")).contains(Responses.POLICY);
      assertThat(reply.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(reply.headers().firstValue("X-Frame-Options")).contains("DENY");
    }
  }

  @Test
  void itIsReadOnlyAnswers404ElsewhereAndRefusesAnotherNameWithoutAToken() throws Exception {
    String url = start(Optional.empty());

    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(url + "api/fleet"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(url + "api/fleet"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> elsewhere = get(url + "admin");
    String rebound = rawGet("/api/fleet", "evil.example");

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    assertThat(post.body()).isEqualTo("method not allowed: the dashboard is read-only (GET, HEAD)\n");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(elsewhere.body()).isEqualTo("not found: /admin (the dashboard is at /, the metrics at /metrics)\n");
    assertThat(rebound).startsWith("HTTP/1.1 421 ").endsWith("\r\n\r\nmisdirected request: without a token this dashboard answers only to a"
        + " loopback name (localhost, 127.0.0.1, [::1]), not to evil.example\n");
  }

  @Test
  void withATokenOnlyItsBearerOrTheCookieItsQuerySetsGetIn() throws Exception {
    String url = start(Optional.of(TOKEN));

    HttpResponse<String> anonymous = get(url + "api/fleet");
    HttpResponse<String> bearer = http.send(HttpRequest.newBuilder(URI.create(url + "metrics"))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> login = get(url + "?token=" + TOKEN);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    HttpResponse<String> withCookie = http.send(HttpRequest.newBuilder(URI.create(url + "api/fleet"))
        .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"cul8er\"");
    assertThat(anonymous.body()).isEqualTo("unauthorized: this dashboard needs its token (open it once as"
        + " /api/fleet?token=TOKEN, or send Authorization: Bearer TOKEN)\n");
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).contains("/");
    assertThat(cookie).endsWith("; Path=/; HttpOnly; SameSite=Strict").doesNotContain(TOKEN);
    assertThat(withCookie.statusCode()).isEqualTo(200);
    assertThat(withCookie.body()).isEqualTo(FLEET_JSON);
  }

  @Test
  @Timeout(30)
  void theEventStreamGivesTheStatesAndEventsThenPushesTheFleetWhenItChanges() throws Exception {
    String url = start(Optional.empty());
    HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(url + "api/events")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
    assertThat(stream.headers().firstValue("Cache-Control")).contains("no-store");
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      List<String> seen = new ArrayList<>();
      readUntil(lines, seen, "data: " + FLEET_JSON, "data: {\"type\":\"step_finished\",\"at\":\"2026-12-07T20:00:12Z\",\"topology\":\"shop\","
          + "\"host\":\"\",\"subject\":\"web\",\"step\":\"switch web\",\"took\":\"PT0.5S\",\"detail\":\"\"}");
      fleet.set(new FleetView("shop", List.of(), List.of(), List.of(), List.of()));
      readUntil(lines, seen, "data: {\"topology\":\"shop\",\"hosts\":[],\"instances\":[],\"clusters\":[],\"problems\":[]}");

      assertThat(seen.get(0)).isEqualTo("retry: 2000");
      assertThat(seen).filteredOn(l -> l.startsWith("event: ")).contains("event: fleet", "event: history",
          "event: traffic", "event: event");
      assertThat(seen).filteredOn(l -> l.startsWith("data: {\"type\"")).hasSize(DeployHistoryTest.twoDeploys().size());
    }
  }

  /** Reads lines until each of {@code wanted} came, in any order. */
  private static void readUntil(BufferedReader lines, List<String> seen, String... wanted) throws Exception {
    java.util.Set<String> missing = new java.util.HashSet<>(List.of(wanted));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      seen.add(line);
      missing.remove(line);
      if (missing.isEmpty()) {
        return;
      }
    }
    throw new AssertionError("the stream ended without " + missing + "; it gave:\n" + String.join("\n", seen));
  }

  /** GET with this {@code Host} header, which the JDK's client will not send: the whole answer. */
  private String rawGet(String path, String host) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", dashboard.port())) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
