package io.cul8er.incus.https;

import io.cul8er.tls.SelfSignedCertificate;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PinningTrustManagerTest {
  private static final Server SERVER = new Server("127.0.0.1", 8443);
  private static final X509Certificate PINNED = SelfSignedCertificate.clientCertificate(
      SelfSignedCertificate.newKeyPair(), "pinned", Instant.now());
  private static final X509Certificate OTHER = SelfSignedCertificate.clientCertificate(
      SelfSignedCertificate.newKeyPair(), "other", Instant.now());

  private final PinningTrustManager trust =
      new PinningTrustManager(SERVER, new ServerPin.FromToken(Fingerprint.of(PINNED)));

  @Test
  void trustsExactlyThePinnedCertificate() {
    assertThatCode(() -> trust.checkServerTrusted(new X509Certificate[] {PINNED}, "EC", (SSLEngine) null))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {OTHER, PINNED}, "EC"))
        .isInstanceOf(PinningTrustManager.ServerCertificateMismatch.class)
        .hasMessageStartingWith("The Incus server at 127.0.0.1:8443 presented certificate "
            + Fingerprint.of(OTHER) + ", but the trust token names " + Fingerprint.of(PINNED));
    assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[0], "EC", (Socket) null))
        .isInstanceOf(CertificateException.class)
        .hasMessage("The Incus server at 127.0.0.1:8443 presented no certificate");
  }

  @Test
  void judgesNoClients() {
    assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {PINNED}, "EC", (SSLEngine) null))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {PINNED}, "EC", (Socket) null))
        .isInstanceOf(CertificateException.class);
    assertThat(trust.getAcceptedIssuers()).isEmpty();
  }
}
