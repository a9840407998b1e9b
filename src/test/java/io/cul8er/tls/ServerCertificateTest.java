package io.cul8er.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.Test;

class ServerCertificateTest {
  static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");
  static final KeyPair KEYS = SelfSignedCertificate.newKeyPair();
  static final X509Certificate SHOP = SelfSignedCertificate.serverCertificate(KEYS,
      List.of("shop.example.com", "*.api.example.com"), ISSUED, Duration.ofDays(90));
  static final String SUBJECT = "CN=shop.example.com,O=C U L8er";

  @Test
  void aMatchingPairServesItsNamesAndWildcardsCoverOneLabel() {
    ServerCertificate pair = new ServerCertificate(List.of(SHOP), KEYS.getPrivate());

    assertThat(pair.dnsNames()).containsExactly("shop.example.com", "*.api.example.com");
    assertThat(pair.problems(List.of("shop.example.com", "V1.API.example.com."), ISSUED.plusSeconds(60))).isEmpty();
    assertThat(pair.problems(List.of(), ISSUED)).isEmpty();
    assertThat(pair.problems(List.of("a.b.api.example.com", "api.example.com"), ISSUED)).containsExactly(
        "the certificate (" + SUBJECT + ") is not valid for a.b.api.example.com (it names shop.example.com,"
            + " *.api.example.com)",
        "the certificate (" + SUBJECT + ") is not valid for api.example.com (it names shop.example.com,"
            + " *.api.example.com)");
  }

  @Test
  void anotherKeyIsAMismatchAndALeafAfterItsChainIsNamed() {
    KeyPair other = SelfSignedCertificate.newKeyPair();
    X509Certificate ca = SelfSignedCertificate.serverCertificate(other, List.of("ca.example.com"), ISSUED,
        Duration.ofDays(90));

    assertThat(new ServerCertificate(List.of(SHOP), other.getPrivate()).problems(List.of(), ISSUED))
        .containsExactly("the key does not match the certificate (" + SUBJECT + ")");
    assertThat(new ServerCertificate(List.of(ca, SHOP), KEYS.getPrivate()).problems(List.of(), ISSUED))
        .containsExactly("the certificate that matches the key is number 2 in the file: put it first, then its chain");
  }

  @Test
  void validityIsCheckedAndAnExpiryWithinTwoWeeksIsAWarning() {
    ServerCertificate pair = new ServerCertificate(List.of(SHOP), KEYS.getPrivate());

    assertThat(pair.problems(List.of(), ISSUED.plus(Duration.ofDays(91)))).containsExactly(
        "the certificate (" + SUBJECT + ") expired on 2027-03-01 10:00 UTC");
    assertThat(pair.problems(List.of(), ISSUED.minus(Duration.ofHours(1)))).containsExactly(
        "the certificate (" + SUBJECT + ") is not valid before 2026-12-01 09:55 UTC");
    assertThat(pair.expiryWarning(ISSUED.plus(Duration.ofDays(80)))).contains(
        "the certificate (" + SUBJECT + ") expires on 2027-03-01 10:00 UTC: renew it");
    assertThat(pair.expiryWarning(ISSUED.plus(Duration.ofDays(70)))).isEmpty();
    assertThat(pair.expiryWarning(ISSUED.plus(Duration.ofDays(91)))).isEmpty();
  }

  @Test
  void openSslsRsaAndEcKeyFormatsAreReadAndMatchTheirCertificates() {
    ServerCertificate rsa = ServerCertificate.of(OpenSslMaterial.RSA_CERTIFICATE, "rsa.crt", OpenSslMaterial.RSA_KEY,
        "rsa.key");
    ServerCertificate ec = ServerCertificate.of(OpenSslMaterial.EC_CERTIFICATE, "ec.crt", OpenSslMaterial.EC_KEY,
        "ec.key");

    assertThat(OpenSslMaterial.RSA_KEY).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(OpenSslMaterial.EC_KEY).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(rsa.key().getAlgorithm()).isEqualTo("RSA");
    Instant later = Instant.parse("2030-01-01T00:00:00Z");
    assertThat(rsa.problems(List.of("rsa.example.com"), later)).isEmpty();
    assertThat(ec.problems(List.of("ec.example.com"), later)).isEmpty();
    assertThat(new ServerCertificate(rsa.chain(), ec.key()).problems(List.of(), later))
        .containsExactly("the key does not match the certificate (CN=rsa.example.com)");
  }

  @Test
  void theBundleReadsBackAndItsDigestChangesOnlyWithTheMaterial() {
    ServerCertificate pair = new ServerCertificate(List.of(SHOP), KEYS.getPrivate());
    String bundle = new String(pair.pemBundle(), StandardCharsets.US_ASCII);
    ServerCertificate again = ServerCertificate.of(bundle, "bundle.pem", bundle, "bundle.pem");
    KeyPair rotatedKeys = SelfSignedCertificate.newKeyPair();
    ServerCertificate rotated = new ServerCertificate(List.of(SelfSignedCertificate.serverCertificate(rotatedKeys,
        List.of("shop.example.com"), ISSUED, Duration.ofDays(90))), rotatedKeys.getPrivate());

    assertThat(bundle).startsWith("-----BEGIN CERTIFICATE-----").contains("-----BEGIN PRIVATE KEY-----");
    assertThat(again.chain()).containsExactly(SHOP);
    assertThat(again.digest()).isEqualTo(pair.digest()).matches("sha256:[0-9a-f]{64}");
    assertThat(rotated.digest()).isNotEqualTo(pair.digest());
  }

  @Test
  void unusableFilesAreNamedWithoutQuotingTheirContent() throws Exception {
    StringWriter encrypted = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(encrypted)) {
      writer.writeObject(new JcaPKCS8Generator(KEYS.getPrivate(),
          new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
              .setPassword("secret".toCharArray()).build()));
    }
    String certificate = new String(Pem.encode(SHOP), StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> Pem.privateKey(encrypted.toString(), "/etc/tls/shop.key"))
        .hasMessage("/etc/tls/shop.key holds an encrypted private key; HAProxy and C U L8er need it unencrypted"
            + " (openssl pkey -in KEY -out KEY.plain), in a file only you may read");
    assertThatThrownBy(() -> Pem.privateKey(certificate, "/etc/tls/shop.crt"))
        .hasMessage("/etc/tls/shop.crt holds no unencrypted PEM private key (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY"
            + " or BEGIN EC PRIVATE KEY)");
    assertThatThrownBy(() -> Pem.certificates(new String(Pem.encode(KEYS.getPrivate()), StandardCharsets.US_ASCII),
        "/etc/tls/shop.key")).hasMessage("/etc/tls/shop.key holds no PEM certificate (BEGIN CERTIFICATE)");
    assertThatThrownBy(() -> Pem.certificates("hello", "notes.txt")).hasMessage("notes.txt holds no PEM block");
    assertThatThrownBy(() -> Pem.certificates(certificate.substring(0, 200), "cut.crt"))
        .hasMessage("cut.crt is not valid PEM (a block is cut or corrupt)");
  }

  @Test
  void hostNamesFollowRfc6125() {
    assertThat(HostNames.matches("*.example.com", "www.example.com")).isTrue();
    assertThat(HostNames.matches("*.example.com", "example.com")).isFalse();
    assertThat(HostNames.matches("*.example.com", "a.www.example.com")).isFalse();
    assertThat(HostNames.matches("*.com", "example.com")).isFalse();
    assertThat(HostNames.matches("Example.COM.", "example.com")).isTrue();
    assertThat(HostNames.matches("www.example.com", "ww.example.com")).isFalse();
  }

}
