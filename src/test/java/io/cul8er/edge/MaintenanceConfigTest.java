package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.edge.EdgeService.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The haproxy.cfg lines of maintenance mode, and the page they hold. */
class MaintenanceConfigTest {
  private static final EdgeSettings SETTINGS = EdgeSettings.defaults(Path.of("/run/cul8er/haproxy.sock"));
  private static final EdgeMaintenance PLAIN = new EdgeMaintenance("Back at 5.", Duration.ofSeconds(120));

  @Test
  void anHttpFrontendAnswers503WithThePageAndRetryAfterBeforeItsBackend() {
    EdgeService web = EdgeService.http("web", 8211).inTopology("shop").withMaintenance(Optional.of(PLAIN))
        .withServers(List.of(new EdgeServer("shop-web-1", "10.147.0.11", 4000, 100)));

    String config = HaproxyConfig.render(SETTINGS, List.of(web));

    assertThat(config).contains("""

        frontend fe_shop__web
          mode http
          bind :8211
          log ring@log_shop local0 info
          option httplog
          timeout client 30s
          stick-table type ipv6 size 100k expire 10s store http_req_rate(10s)
          http-request track-sc0 src
          http-request deny deny_status 429 if { sc_http_req_rate(0) gt 10000 }
          http-request deny deny_status 413 if { req.body_size gt 10485760 }
          option forwardfor
          http-request set-header X-Forwarded-Proto http
          http-request return status 503 content-type 'text/html; charset=utf-8' string '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Down for maintenance</title></head><body><h1>Down for maintenance</h1><p>Back at 5.</p></body></html>' hdr Retry-After 120 hdr Cache-Control no-store
          default_backend be_shop__web

        backend be_shop__web
        """);
    assertThat(config).contains("  option httpchk\n").contains("  server shop-web-1 10.147.0.11:4000 weight 100 check maxconn 100\n");
  }

  @Test
  void aTcpFrontendRejectsConnections() {
    EdgeService db = new EdgeService("db_5432", Optional.empty(), 5432, Mode.TCP, new HealthProbe.Tcp(0),
        CheckTiming.FAST, List.of()).withMaintenance(Optional.of(PLAIN));

    assertThat(HaproxyConfig.render(SETTINGS, List.of(db))).contains("""
        frontend fe_db_5432
          mode tcp
          bind :5432
          timeout client 30s
          stick-table type ipv6 size 100k expire 10s store conn_rate(10s)
          tcp-request connection track-sc0 src
          tcp-request connection reject if { sc_conn_rate(0) gt 10000 }
          tcp-request connection reject
          default_backend be_db_5432
        """);
  }

  @Test
  void outOfMaintenanceTheFrontendIsAsBefore() {
    EdgeService web = EdgeService.http("web", 8211);

    assertThat(HaproxyConfig.render(SETTINGS, List.of(web.withMaintenance(Optional.of(PLAIN)).withMaintenance(
        Optional.empty())))).isEqualTo(HaproxyConfig.render(SETTINGS, List.of(web)));
  }

  @Test
  void theMessageIsEscapedIntoPrintableAsciiWithoutQuotesOrLineBreaks() {
    assertThat(EdgeMaintenance.html("<b>R&D's \"new\"</b>\nété 😀"))
        .isEqualTo("&lt;b&gt;R&amp;D&#39;s &quot;new&quot;&lt;/b&gt;&#10;&#233;t&#233; &#128512;");
    String page = new EdgeMaintenance("'); http-request deny #\n", Duration.ofSeconds(1)).page();
    assertThat(page).doesNotContain("'").doesNotContain("\n")
        .contains("<p>&#39;); http-request deny #&#10;</p>");
  }

  @Test
  void refusesAnEmptyMessageAndRetryAfterBelowOneWholeSecond() {
    assertThatThrownBy(() -> new EdgeMaintenance(" ", Duration.ofSeconds(60)))
        .hasMessage("a maintenance page needs a message");
    assertThatThrownBy(() -> new EdgeMaintenance("m", Duration.ofMillis(1500)))
        .hasMessage("Retry-After must be whole seconds, at least 1, got PT1.5S");
  }

  @Test
  void theFragmentKeepsTheModeAndOmitsItWhenOff() {
    Fragment on = new Fragment("shop", List.of(EdgeService.http("web", 8211).withMaintenance(Optional.of(PLAIN))));
    String json = FragmentStore.json(on);

    assertThat(json).contains("""
        "maintenance" : {
              "message" : "Back at 5.",
              "retry_after" : "PT2M"
            }""");
    assertThat(FragmentStore.parse(json, "shop.json", "shop.json")).isEqualTo(on);
    assertThat(FragmentStore.json(new Fragment("shop", List.of(EdgeService.http("web", 8211)))))
        .doesNotContain("maintenance");
  }
}
