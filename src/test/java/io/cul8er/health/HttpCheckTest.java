package io.cul8er.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.CheckResult.Passed;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP checks against a real server on 127.0.0.2, which stands for the instance: a request that
 * went to {@code localhost} (127.0.0.1) as written would be refused.
 */
class HttpCheckTest {
  private static final String INSTANCE = "127.0.0.2";
  private static final Target WEB_1 = Target.of("web-1", INSTANCE);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static TestHttpServer server;

  @BeforeAll
  static void start() throws IOException {
    server = new TestHttpServer(INSTANCE);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String base() {
    return "http://" + INSTANCE + ":" + server.port();
  }

  private static String failure(Check check, Duration timeout) throws InterruptedException {
    CheckResult result = check.attempt(WEB_1, timeout);
    assertThat(result).isInstanceOf(Failed.class);
    return ((Failed) result).message();
  }

  @Test
  void localhostMeansTheInstanceItself() throws InterruptedException {
    CheckResult result = Health.http(server.url("/ok"), 200).attempt(WEB_1, TIMEOUT);

    assertThat(result).isInstanceOf(Passed.class);
    assertThat(result.latency()).isPositive();
  }

  @Test
  void anotherStatusFailsWithTheStartOfTheBody() throws InterruptedException {
    assertThat(failure(Health.http(server.url("/down"), 200), TIMEOUT))
        .isEqualTo("GET " + base() + "/down: answered 503, expected 200: down for maintenance");
  }

  @Test
  void theExpectedStatusNeedNotBe200() throws InterruptedException {
    assertThat(Health.http(server.url("/down"), 503).attempt(WEB_1, TIMEOUT)).isInstanceOf(Passed.class);
    assertThat(failure(Health.http(server.url("/ok"), 204), TIMEOUT))
        .isEqualTo("GET " + base() + "/ok: answered 200, expected 204: fine");
  }

  @Test
  void withoutAnExpectedStatusAny2xxPasses() throws InterruptedException {
    assertThat(Health.http(server.url("/created")).attempt(WEB_1, TIMEOUT)).isInstanceOf(Passed.class);
    assertThat(failure(Health.http(server.url("/down")), TIMEOUT))
        .isEqualTo("GET " + base() + "/down: answered 503, expected 2xx: down for maintenance");
  }

  @Test
  void redirectsAreNotFollowed() throws InterruptedException {
    assertThat(failure(Health.http(server.url("/redirect"), 200), TIMEOUT))
        .isEqualTo("GET " + base() + "/redirect: answered 302, expected 200");
  }

  @Test
  void aLongBodyIsCutToASnippet() throws InterruptedException {
    assertThat(failure(Health.http(server.url("/big"), 200), TIMEOUT))
        .isEqualTo("GET " + base() + "/big: answered 500, expected 200: " + "x".repeat(200) + "…");
  }

  @Test
  void aSlowAnswerTimesOut() throws InterruptedException {
    Duration timeout = Duration.ofMillis(200);
    CheckResult result = Health.http(server.url("/slow"), 200).attempt(WEB_1, timeout);

    assertThat(((Failed) result).message()).isEqualTo("GET " + base() + "/slow: timed out after 200 ms");
    assertThat(result.latency()).as("the attempt is bounded by its timeout").isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aStalledBodyTimesOutToo() throws InterruptedException {
    assertThat(failure(Health.http(server.url("/stalled-body"), 200), Duration.ofMillis(200)))
        .isEqualTo("GET " + base() + "/stalled-body: timed out after 200 ms");
  }

  @Test
  void nothingListeningIsConnectionRefused() throws InterruptedException {
    int port = Ports.closed(INSTANCE);

    assertThat(failure(Health.http("http://localhost:" + port + "/health", 200), TIMEOUT))
        .isEqualTo("GET http://" + INSTANCE + ":" + port + "/health: connection refused");
  }

  @Test
  void anotherInstanceAddressGetsTheRequest() throws InterruptedException {
    Target other = Target.of("web-2", "127.0.0.3");

    CheckResult result = Health.http(server.url("/ok"), 200).attempt(other, TIMEOUT);

    assertThat(((Failed) result).message())
        .isEqualTo("GET http://127.0.0.3:" + server.port() + "/ok: connection refused");
  }

  @Test
  void aCheckCanBeTriedManyTimesWithDifferentTimeouts() throws InterruptedException {
    Check check = Health.http(server.url("/ok"), 200);
    for (Duration timeout : new Duration[] {TIMEOUT, TIMEOUT, Duration.ofSeconds(3)}) {
      assertThat(check.attempt(WEB_1, timeout)).isInstanceOf(Passed.class);
    }
  }

  @Test
  void endpointsThatCannotBeCheckedAreRejected() {
    assertThatThrownBy(() -> Health.http("ftp://localhost/health", 200))
        .hasMessage("health check endpoint 'ftp://localhost/health' is not an http:// or https:// URL");
    assertThatThrownBy(() -> Health.http("http://local host/", 200))
        .hasMessageStartingWith("health check endpoint 'http://local host/' is not a URL: ");
    assertThatThrownBy(() -> Health.http("/health", 200))
        .hasMessage("health check endpoint '/health' is not an http:// or https:// URL");
    assertThatThrownBy(() -> Health.http("http://localhost:4000/health", 42))
        .hasMessage("expected status 42 of health check http://localhost:4000/health is not an HTTP status (100-599)");
  }

  @Test
  void describesItselfWithoutATarget() {
    assertThat(Health.http("http://localhost:4000/health", 200).describe())
        .isEqualTo("GET http://localhost:4000/health expecting 200");
    assertThat(Health.http("http://localhost:4000/health").describe())
        .isEqualTo("GET http://localhost:4000/health expecting 2xx");
  }
}
