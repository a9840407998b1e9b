package io.cul8er.incus.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private static final String HEX = "46e7bb62f895eb64a6d9d5ccc97358ef21bc2970dd3d79bae37ece37a794d67c";

  @Test
  void isTheSha256OfTheCertificateAsOpenSslComputesIt() throws Exception {
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(
            OpenSslFixture.CERTIFICATE.getBytes(StandardCharsets.US_ASCII)));

    assertThat(Fingerprint.of(certificate)).isEqualTo(Fingerprint.parse(OpenSslFixture.OPENSSL_FINGERPRINT));
    assertThat(Fingerprint.of(certificate).hex()).isEqualTo(HEX);
  }

  @Test
  void showsAsSha256PrefixAndLowerCaseHex() {
    assertThat(new Fingerprint(HEX)).hasToString("SHA256:" + HEX);
  }

  @Test
  void readsIncusOpenSslAndItsOwnSpelling() {
    Fingerprint expected = new Fingerprint(HEX);
    assertThat(Fingerprint.parse(HEX)).isEqualTo(expected);
    assertThat(Fingerprint.parse(OpenSslFixture.OPENSSL_FINGERPRINT)).isEqualTo(expected);
    assertThat(Fingerprint.parse("SHA256:" + HEX)).isEqualTo(expected);
    assertThat(Fingerprint.parse(" sha256:" + HEX.toUpperCase() + "\n")).isEqualTo(expected);
  }

  @Test
  void refusesAnythingButSixtyFourHexDigits() {
    assertThatThrownBy(() -> Fingerprint.parse("cfb4ef03d049"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A SHA-256 fingerprint is 64 lower-case hex digits, not \"cfb4ef03d049\"");
    assertThatThrownBy(() -> Fingerprint.parse("z".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
