package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.edge.EdgeService.Mode;
import io.cul8er.model.EdgeLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitLinesTest {
  private static final EdgeSettings SETTINGS = EdgeSettings.defaults(Path.of("/run/cul8er/edge/admin.sock"));
  private static final EdgeLimits TIGHT = new EdgeLimits(1000, Duration.ofMillis(1500), Duration.ofSeconds(5),
      Duration.ofMinutes(2), 3, new EdgeLimits.RateLimit(20, Duration.ofMinutes(1)), Optional.of(Duration.ofDays(365)));

  @Test
  void anHttpsServiceGetsItsLimitsItsForwardedHeadersAndHstsAndEachServerItsMaximumOfConnections() {
    EdgeService web = EdgeService.http("web_443", 443).withTls(EdgeTls.selfSigned()).withLimits(TIGHT)
        .withServers(List.of(new EdgeServer("shop-web-1", "10.147.0.11", 4000, 100))).inTopology("shop");

    assertThat(HaproxyConfig.render(SETTINGS, List.of(web))).endsWith("""

        ring log_shop
          description "access log of topology shop"
          format iso
          maxlen 2048
          size 1048576

        frontend fe_shop__web_443
          mode http
          bind :443 ssl crt self-signed.pem alpn h2,http/1.1
          log ring@log_shop local0 info
          option httplog
          timeout client 5s
          stick-table type ipv6 size 100k expire 60s store http_req_rate(60s)
          http-request track-sc0 src
          http-request deny deny_status 429 if { sc_http_req_rate(0) gt 20 }
          http-request deny deny_status 413 if { req.body_size gt 1000 }
          option forwardfor
          http-request set-header X-Forwarded-Proto https
          http-response set-header Strict-Transport-Security max-age=31536000
          default_backend be_shop__web_443

        backend be_shop__web_443
          mode http
          balance roundrobin
          timeout connect 1500ms
          timeout server 120s
          option http-server-close
          retry-on conn-failure empty-response
          option httpchk
          http-check send meth GET uri /health ver HTTP/1.1 hdr Host localhost
          http-check expect status 200
          default-server inter 1s fastinter 200ms downinter 200ms fall 2 rise 2
          server shop-web-1 10.147.0.11:4000 weight 100 check maxconn 3
        """);
  }

  @Test
  void aTcpServiceLimitsConnectionsPerAddressAndHasNoHttpLines() {
    EdgeService db = new EdgeService("db_5432", Optional.empty(), 5432, Mode.TCP, new HealthProbe.Tcp(0),
        CheckTiming.FAST, List.of(new EdgeServer("shop-db", "10.147.0.21", 5432, 100))).withLimits(TIGHT)
        .inTopology("shop");

    assertThat(HaproxyConfig.render(SETTINGS, List.of(db))).endsWith("""
        frontend fe_shop__db_5432
          mode tcp
          bind :5432
          log ring@log_shop local0 info
          option tcplog
          timeout client 5s
          stick-table type ipv6 size 100k expire 60s store conn_rate(60s)
          tcp-request connection track-sc0 src
          tcp-request connection reject if { sc_conn_rate(0) gt 20 }
          default_backend be_shop__db_5432

        backend be_shop__db_5432
          mode tcp
          balance roundrobin
          timeout connect 1500ms
          timeout server 120s
          default-server inter 1s fastinter 200ms downinter 200ms fall 2 rise 2
          server shop-db 10.147.0.21:5432 weight 100 check maxconn 3
        """);
  }

  @Test
  void hstsIsOnlySentOverTlsAndEachTopologyLogsToItsOwnRing() {
    EdgeService plain = EdgeService.http("web_80", 80).withLimits(TIGHT);
    Fragment blog = new Fragment("blog", List.of(plain));
    Fragment shop = new Fragment("shop", List.of(EdgeService.http("web_8080", 8080)));

    String text = HaproxyConfig.renderFragments(SETTINGS, List.of(blog, shop));

    assertThat(text).doesNotContain("Strict-Transport-Security")
        .contains("\n# topology blog\n\nring log_blog\n", "\n# topology shop\n\nring log_shop\n")
        .contains("frontend fe_blog__web_80\n  mode http\n  bind :80\n  log ring@log_blog local0 info\n")
        .contains("frontend fe_shop__web_8080\n  mode http\n  bind :8080\n  log ring@log_shop local0 info\n");
    assertThat(HaproxyConfig.render(SETTINGS, List.of(plain))).doesNotContain("ring", "log ");
  }
}
