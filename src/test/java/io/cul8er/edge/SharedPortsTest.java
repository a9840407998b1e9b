package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedPortsTest {
  private static final EdgeSettings SETTINGS = EdgeSettings.defaults(Path.of("/run/cul8er/edge/admin.sock"));
  private static final String SHOP_CERT = "sha256:" + "aa".repeat(32);
  private static final String BLOG_CERT = "sha256:" + "bb".repeat(32);

  private static Fragment fragment(String topology, EdgeService service, String address) {
    return new Fragment(topology, List.of(service.withServers(
        List.of(new EdgeServer(topology + "-web-1", address, 4000, 100)))));
  }

  @Test
  void twoTopologiesTerminatingTlsOnOnePortShareOneFrontendRoutedByHostWithBothCertificates() {
    Fragment shop = fragment("shop", EdgeService.http("web_8213", 8213)
        .withTls(new EdgeTls(SHOP_CERT, Optional.of(8080))).withDomains(List.of("shop.example.com", "*.shop.example.com")),
        "10.147.0.11");
    Fragment blog = fragment("blog", EdgeService.http("web_8213", 8213)
        .withTls(new EdgeTls(BLOG_CERT, Optional.empty())).withDomains(List.of("blog.example.com")), "10.147.0.31");

    String text = HaproxyConfig.renderFragments(SETTINGS, List.of(blog, shop));

    assertThat(text).contains("""
        backend be_shop__web_8213
          mode http
          balance roundrobin
          timeout connect 2s
          timeout server 30s
          stick-table type ipv6 size 100k expire 10s store http_req_rate(10s)
          http-request track-sc1 src
          http-request deny deny_status 429 if { sc_http_req_rate(1) gt 10000 }
          http-request deny deny_status 413 if { req.body_size gt 10485760 }
          option http-server-close
        """);
    assertThat(text).contains("backend be_blog__web_8213", "backend be_shop__web_8213")
        .doesNotContain("frontend fe_blog", "frontend fe_shop", "frontend rd_");
    assertThat(text.substring(text.indexOf("# ports shared by name"))).isEqualTo("""
        # ports shared by name

        ring log_port_8080
          description "access log of port 8080, shared by name"
          format iso
          maxlen 2048
          size 1048576

        ring log_port_8213
          description "access log of port 8213, shared by name"
          format iso
          maxlen 2048
          size 1048576

        frontend fe_port_8080
          mode http
          bind :8080
          timeout client 30s
          log ring@log_port_8080 local0 info
          option httplog
          option forwardfor
          http-request set-header X-Forwarded-Proto http
          acl name_shop__web_8213 req.hdr(host),host_only,lower -m str shop.example.com
          acl name_shop__web_8213 req.hdr(host),host_only,lower -m reg '^[^.]+\\.shop\\.example\\.com$'
          http-request redirect location https://%[req.hdr(host),host_only]:8213%[capture.req.uri] code 301 if name_shop__web_8213
          http-request return status 404 content-type text/plain string "No site answers this host name on this port." unless name_shop__web_8213

        frontend fe_port_8213
          mode http
          bind :8213 ssl crt sha256-AA.pem crt sha256-BB.pem alpn h2,http/1.1
          timeout client 30s
          log ring@log_port_8213 local0 info
          option httplog
          option forwardfor
          http-request set-header X-Forwarded-Proto https
          acl name_blog__web_8213 req.hdr(host),host_only,lower -m str blog.example.com
          acl name_shop__web_8213 req.hdr(host),host_only,lower -m str shop.example.com
          acl name_shop__web_8213 req.hdr(host),host_only,lower -m reg '^[^.]+\\.shop\\.example\\.com$'
          http-request return status 404 content-type text/plain string "No site answers this host name on this port." unless name_blog__web_8213 || name_shop__web_8213
          use_backend be_blog__web_8213 if name_blog__web_8213
          use_backend be_shop__web_8213 if name_shop__web_8213
        """.replace("AA", "aa".repeat(32)).replace("BB", "bb".repeat(32)));
  }

  @Test
  void aPlainHttpPortByNameMixesServicesAndRedirectsAndAPortWithoutNamesKeepsItsOwnFrontend() {
    Fragment shop = new Fragment("shop", List.of(
        EdgeService.http("web_443", 443).withTls(new EdgeTls(SHOP_CERT, Optional.of(80)))
            .withDomains(List.of("shop.example.com")),
        EdgeService.http("admin_9000", 9000)));
    Fragment blog = new Fragment("blog", List.of(EdgeService.http("web_80", 80).withDomains(List.of("blog.example.com"))));

    String text = HaproxyConfig.renderFragments(SETTINGS, List.of(blog, shop));

    assertThat(text).contains("""
        frontend fe_shop__admin_9000
          mode http
          bind :9000
          log ring@log_shop local0 info
          option httplog
          timeout client 30s
          stick-table type ipv6 size 100k expire 10s store http_req_rate(10s)
          http-request track-sc0 src
          http-request deny deny_status 429 if { sc_http_req_rate(0) gt 10000 }
          http-request deny deny_status 413 if { req.body_size gt 10485760 }
          option forwardfor
          http-request set-header X-Forwarded-Proto http
          default_backend be_shop__admin_9000
        """);
    assertThat(text).doesNotContain("frontend fe_shop__web_443", "frontend rd_shop__web_443", "frontend fe_blog__web_80");
    assertThat(text.substring(text.indexOf("# ports shared by name"))).isEqualTo("""
        # ports shared by name

        ring log_port_80
          description "access log of port 80, shared by name"
          format iso
          maxlen 2048
          size 1048576

        ring log_port_443
          description "access log of port 443, shared by name"
          format iso
          maxlen 2048
          size 1048576

        frontend fe_port_80
          mode http
          bind :80
          timeout client 30s
          log ring@log_port_80 local0 info
          option httplog
          option forwardfor
          http-request set-header X-Forwarded-Proto http
          acl name_blog__web_80 req.hdr(host),host_only,lower -m str blog.example.com
          acl name_shop__web_443 req.hdr(host),host_only,lower -m str shop.example.com
          http-request redirect scheme https code 301 if name_shop__web_443
          http-request return status 404 content-type text/plain string "No site answers this host name on this port." unless name_blog__web_80 || name_shop__web_443
          use_backend be_blog__web_80 if name_blog__web_80

        frontend fe_port_443
          mode http
          bind :443 ssl crt sha256-%s.pem alpn h2,http/1.1
          timeout client 30s
          log ring@log_port_443 local0 info
          option httplog
          option forwardfor
          http-request set-header X-Forwarded-Proto https
          acl name_shop__web_443 req.hdr(host),host_only,lower -m str shop.example.com
          http-request return status 404 content-type text/plain string "No site answers this host name on this port." unless name_shop__web_443
          use_backend be_shop__web_443 if name_shop__web_443
        """.formatted("aa".repeat(32)));
  }

  @Test
  void aTopologyInMaintenanceModeOnASharedPortAnswers503ForItsNamesOnlyAndKeepsItsRedirect() {
    EdgeMaintenance maintenance = new EdgeMaintenance("Back at 5.", java.time.Duration.ofSeconds(120));
    Fragment shop = new Fragment("shop", List.of(EdgeService.http("web_443", 443)
        .withTls(new EdgeTls(SHOP_CERT, Optional.of(80))).withDomains(List.of("shop.example.com"))
        .withMaintenance(Optional.of(maintenance))));
    Fragment blog = new Fragment("blog", List.of(EdgeService.http("web_443", 443)
        .withTls(new EdgeTls(BLOG_CERT, Optional.empty())).withDomains(List.of("blog.example.com"))));

    String text = HaproxyConfig.renderFragments(SETTINGS, List.of(blog, shop));

    String port443 = text.substring(text.indexOf("frontend fe_port_443"));
    assertThat(port443).contains("""
          acl name_shop__web_443 req.hdr(host),host_only,lower -m str shop.example.com
          %s if name_shop__web_443
          http-request return status 404 content-type text/plain string "No site answers this host name on this port." unless name_blog__web_443 || name_shop__web_443
          use_backend be_blog__web_443 if name_blog__web_443
          use_backend be_shop__web_443 if name_shop__web_443
        """.formatted(MaintenanceLines.rule(EdgeService.Mode.HTTP, maintenance)));
    assertThat(text.substring(text.indexOf("frontend fe_port_80"), text.indexOf("frontend fe_port_443")))
        .contains("http-request redirect scheme https code 301 if name_shop__web_443").doesNotContain("status 503");
  }

  @Test
  void refusesClaimsThatCannotShareAPortNamingBothTopologies() {
    Fragment shop = new Fragment("shop", List.of(EdgeService.http("web_80", 80).withDomains(List.of("*.example.com"))));
    Fragment overlapping = new Fragment("blog", List.of(EdgeService.http("web_80", 80).withDomains(List.of("blog.example.com"))));
    Fragment whole = new Fragment("blog", List.of(EdgeService.http("web_80", 80)));
    Fragment tls = new Fragment("blog", List.of(EdgeService.http("web_80", 80)
        .withTls(new EdgeTls(BLOG_CERT, Optional.empty())).withDomains(List.of("blog.example.com"))));

    assertThatThrownBy(() -> HaproxyConfig.renderFragments(SETTINGS, List.of(shop, overlapping)))
        .hasMessage("topologies shop and blog cannot share public port 80: it is held by topology shop, for"
            + " *.example.com, which topology blog declares too");
    assertThatThrownBy(() -> HaproxyConfig.renderFragments(SETTINGS, List.of(shop, whole)))
        .hasMessage("topologies shop and blog cannot share public port 80: it is held by topology shop, which shares"
            + " it by name (*.example.com): declare `domains:` for topology blog's port 80 too");
    assertThatThrownBy(() -> HaproxyConfig.renderFragments(SETTINGS, List.of(shop, tls)))
        .hasMessage("topologies shop and blog cannot share public port 80: it is held by topology shop, which serves"
            + " plain HTTP on it while topology blog terminates TLS (`:https`)");
  }

  @Test
  void refusesANameThatIsNotAHostNameBeforeItReachesTheFile() {
    assertThatThrownBy(() -> EdgeService.http("web_80", 80).withDomains(List.of("a.example.com\n  bind :22")))
        .hasMessageStartingWith("domain 'a.example.com\\n  bind :22' is not a host name: ");
    assertThatThrownBy(() -> new EdgeService("db_5432", Optional.empty(), 5432, EdgeService.Mode.TCP,
        new HealthProbe.Tcp(0), CheckTiming.FAST, List.of()).withDomains(List.of("db.example.com")))
        .hasMessage("service db_5432 answers names (domains), so it is HTTP, not TCP");
  }
}
