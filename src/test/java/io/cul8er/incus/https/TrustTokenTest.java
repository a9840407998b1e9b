package io.cul8er.incus.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustTokenTest {
  private static final String FINGERPRINT = "cfb4ef03d0498cfce95bba6c7e819e36d0627e837b1ddfb6b331ab4efd77e308";
  private static final String SECRET = "84e8b5e83c8e6d991dc25d9f45a08ff2d9a8bff1bb5a93db856495cbea8437a7";

  static String token(String expiresAt) {
    return encode("{\"client_name\":\"cul8er\",\"fingerprint\":\"" + FINGERPRINT + "\","
        + "\"addresses\":[\"127.0.0.1:8443\",\"[fd42::1]:8443\"],\"secret\":\"" + SECRET + "\","
        + "\"expires_at\":\"" + expiresAt + "\"}");
  }

  static String encode(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsWhatIncusConfigTrustAddPrints() {
    String encoded = token("0001-01-01T00:00:00Z");
    TrustToken token = TrustToken.parse(encoded + "\n");

    assertThat(token.clientName()).isEqualTo("cul8er");
    assertThat(token.serverFingerprint()).isEqualTo(new Fingerprint(FINGERPRINT));
    assertThat(token.addresses()).containsExactly("127.0.0.1:8443", "[fd42::1]:8443");
    assertThat(token.expiresAt()).as("Go's zero time: never").isEmpty();
    assertThat(token.isExpiredAt(Instant.parse("2999-01-01T00:00:00Z"))).isFalse();
    assertThat(token.encoded()).isEqualTo(encoded);
  }

  @Test
  void knowsWhenItExpires() {
    TrustToken token = TrustToken.parse(token("2026-11-27T01:00:00.123456789+01:00"));

    assertThat(token.expiresAt()).contains(Instant.parse("2026-11-27T00:00:00.123456789Z"));
    assertThat(token.isExpiredAt(Instant.parse("2026-11-27T00:00:00Z"))).isFalse();
    assertThat(token.isExpiredAt(Instant.parse("2026-11-27T00:00:01Z"))).isTrue();
  }

  @Test
  void acceptsUrlSafeBase64() {
    String json = "{\"client_name\":\"a?>\",\"fingerprint\":\"" + FINGERPRINT + "\",\"secret\":\"s\"}";
    String urlSafe = Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    assertThat(urlSafe).containsAnyOf("-", "_");

    assertThat(TrustToken.parse(urlSafe).clientName()).isEqualTo("a?>");
  }

  @Test
  void neverShowsItsSecretOrItsEncodedForm() {
    String encoded = token("0001-01-01T00:00:00Z");
    TrustToken token = TrustToken.parse(encoded);

    assertThat(token).hasToString("TrustToken[client_name=cul8er, server=SHA256:" + FINGERPRINT
        + ", addresses=[127.0.0.1:8443, [fd42::1]:8443], expires_at=never, secret=<hidden>]");
    assertThat(new AddCertificate(token).toString()).doesNotContain(SECRET).doesNotContain(encoded);
    assertThat(new AddCertificate(token).action()).doesNotContain(SECRET);
  }

  @Test
  void isPresentedWholeToTheCertificatesEndpoint() {
    String encoded = token("0001-01-01T00:00:00Z");
    AddCertificate add = new AddCertificate(TrustToken.parse(encoded));

    assertThat(add.method() + " " + add.path()).isEqualTo("POST /1.0/certificates");
    assertThat(add.projectScoped()).isFalse();
    assertThat(add.body().orElseThrow().text())
        .isEqualTo("{\"trust_token\":\"" + encoded + "\",\"type\":\"client\"}");
  }

  @Test
  void saysWhatIsWrongWithoutQuotingTheToken() {
    String notJson = encode("{\"secret\":\"" + SECRET + "\", oops");
    List<String> bad = List.of(
        "not base64 " + SECRET,
        notJson,
        encode("[\"" + SECRET + "\"]"),
        encode("{\"secret\":\"" + SECRET + "\"}"),
        encode("{\"fingerprint\":\"xyz\",\"secret\":\"" + SECRET + "\"}"),
        encode("{\"fingerprint\":\"" + FINGERPRINT + "\",\"secret\":\"" + SECRET + "\",\"expires_at\":\"soon\"}"));
    List<String> reasons = List.of(
        "it is not base64",
        "it does not decode to JSON",
        "it does not decode to a JSON object",
        "it has no server fingerprint or no secret",
        "its server fingerprint is not a SHA-256 fingerprint",
        "its expiry \"soon\" is not a date");
    for (int i = 0; i < bad.size(); i++) {
      String text = bad.get(i);
      assertThatThrownBy(() -> TrustToken.parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(reasons.get(i))
          .hasNoCause();
    }
  }
}
