package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsConfigTest {
  private static final EdgeSettings SETTINGS = EdgeSettings.defaults(Path.of("/run/cul8er/edge/admin.sock"));
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void aTlsServiceBindsWithItsBundleAlpnAndTheGlobalTlsDefaultsAndRedirectsThePlainPort() {
    EdgeService web = EdgeService.http("web_443", 443)
        .withServers(List.of(new EdgeServer("shop-web-1", "10.147.0.11", 4000, 100)))
        .withTls(new EdgeTls(DIGEST, Optional.of(80)))
        .inTopology("shop");

    String text = HaproxyConfig.render(SETTINGS, List.of(web));

    assertThat(text).contains("""
          noreuseport
          crt-base /run/cul8er/edge/certs
          ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:\
        ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:\
        ECDHE-RSA-CHACHA20-POLY1305
          ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256
          ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets

        defaults
        """);
    assertThat(text).contains("""

        frontend fe_shop__web_443
          mode http
          bind :443 ssl crt sha256-%s.pem alpn h2,http/1.1
          log ring@log_shop local0 info
          option httplog
          timeout client 30s
          stick-table type ipv6 size 100k expire 10s store http_req_rate(10s)
          http-request track-sc0 src
          http-request deny deny_status 429 if { sc_http_req_rate(0) gt 10000 }
          http-request deny deny_status 413 if { req.body_size gt 10485760 }
          option forwardfor
          http-request set-header X-Forwarded-Proto https
          default_backend be_shop__web_443

        frontend rd_shop__web_443
          mode http
          bind :80
          http-request redirect scheme https code 301

        backend be_shop__web_443
        """.formatted("ab".repeat(32)));
  }

  @Test
  void aRedirectToAnotherPortThanTheDefaultNamesThePortAndTheServiceClaimsBothPorts() {
    EdgeService web = EdgeService.http("web_8443", 8443).withTls(new EdgeTls(EdgeTls.SELF_SIGNED, Optional.of(8080)));

    assertThat(HaproxyConfig.render(SETTINGS, List.of(web))).contains("""
        frontend fe_web_8443
          mode http
          bind :8443 ssl crt self-signed.pem alpn h2,http/1.1
        """, """
          http-request redirect location https://%[req.hdr(host),host_only]:8443%[capture.req.uri] code 301
        """);
    assertThat(new Fragment("shop", List.of(web)).publicPorts()).containsExactly(8080, 8443);
  }

  @Test
  void withoutTlsNoTlsLinesAreWritten() {
    assertThat(HaproxyConfig.render(SETTINGS, List.of(EdgeService.http("web", 8080))))
        .doesNotContain("crt-base", "ssl", "X-Forwarded-Proto https")
        .contains("  http-request set-header X-Forwarded-Proto http\n");
  }

  @Test
  void aCertificateIsNamedByItsDigestAndATcpServiceCannotTerminateTls() {
    assertThatThrownBy(() -> new EdgeTls("/etc/ssl/key.pem", Optional.empty()))
        .hasMessage("a certificate is named by its sha256 digest or self-signed, got /etc/ssl/key.pem");
    assertThatThrownBy(() -> new EdgeService(Optional.empty(), "db", Optional.empty(), 5432, EdgeService.Mode.TCP,
        new HealthProbe.Tcp(0), CheckTiming.FAST, List.of()).withTls(EdgeTls.selfSigned()))
        .hasMessage("service db terminates TLS, so it is HTTP, not TCP");
  }
}
