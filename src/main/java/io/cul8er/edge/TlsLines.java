package io.cul8er.edge;

import static io.cul8er.edge.HaproxyConfig.line;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The haproxy.cfg lines of TLS termination. Global defaults for every TLS bind: TLS 1.2 and above
 * only, forward-secret AEAD ciphers (Mozilla's "intermediate" list without DHE, which would need
 * DH parameters), no session tickets (their key would never be rotated); bundles read from {@code
 * crt-base}. Each TLS frontend offers HTTP/2 and HTTP/1.1 through ALPN and tells the app the
 * scheme ({@code X-Forwarded-Proto}).
 */
final class TlsLines {
  static final String CIPHERS = String.join(":",
      "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
      "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
      "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305");
  static final String CIPHER_SUITES = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
  private static final int HTTPS_PORT = 443;

  private TlsLines() {}

  static void global(StringBuilder out, EdgeSettings settings) {
    line(out, "crt-base " + settings.certificateDirectory());
    line(out, "ssl-default-bind-ciphers " + CIPHERS);
    line(out, "ssl-default-bind-ciphersuites " + CIPHER_SUITES);
    line(out, "ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets");
  }

  static String bindOptions(EdgeTls tls) {
    return bundlesBindOptions(List.of(tls.fileName()));
  }

  /** Several certificates on one bind: HAProxy picks by SNI, the first when none matches. */
  static String bundlesBindOptions(Collection<String> bundles) {
    return " ssl" + bundles.stream().map(b -> " crt " + b).collect(Collectors.joining()) + " alpn h2,http/1.1";
  }

  /** A plain HTTP frontend on the redirect port, answering every request with a 301 to the TLS port. */
  static void redirect(StringBuilder out, EdgeService service, EdgeTls tls) {
    if (tls.redirectFrom().isEmpty()) {
      return;
    }
    out.append("\nfrontend ").append(redirectName(service)).append('\n');
    line(out, "mode http");
    line(out, "bind " + service.bindAddress().orElse("") + ":" + tls.redirectFrom().get());
    line(out, redirectRule(service));
  }

  /** The rule that redirects a plain HTTP request to the service's TLS port. */
  static String redirectRule(EdgeService service) {
    return service.publicPort() == HTTPS_PORT
        ? "http-request redirect scheme https code 301"
        : "http-request redirect location https://%[req.hdr(host),host_only]:" + service.publicPort()
            + "%[capture.req.uri] code 301";
  }

  /** {@code rd_} instead of {@code fe_}: as long as the frontend's name, which is checked. */
  static String redirectName(EdgeService service) {
    return "rd_" + service.frontendName().substring("fe_".length());
  }
}
