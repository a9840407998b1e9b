package io.cul8er.incus.https;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An Incus trust token ({@code incus config trust add NAME}): base64 of {@code {"client_name",
 * "fingerprint", "addresses", "secret", "expires_at"}}. The fingerprint is the server's
 * certificate, so the first connection can be pinned before anything is sent.
 *
 * <p>It is a secret: {@link #toString()} leaves out the secret and the encoded form, and parse
 * errors never quote it.
 */
public final class TrustToken {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Go's zero time, which Incus writes for a token that never expires. */
  private static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

  private final String encoded;
  private final String clientName;
  private final Fingerprint serverFingerprint;
  private final List<String> addresses;
  private final Optional<Instant> expiresAt;

  private TrustToken(
      String encoded, String clientName, Fingerprint serverFingerprint, List<String> addresses,
      Optional<Instant> expiresAt) {
    this.encoded = encoded;
    this.clientName = clientName;
    this.serverFingerprint = serverFingerprint;
    this.addresses = List.copyOf(addresses);
    this.expiresAt = expiresAt;
  }

  /**
   * Decodes a token as {@code incus config trust add} prints it.
   *
   * @throws IllegalArgumentException saying what is wrong, without quoting the token
   */
  public static TrustToken parse(String text) {
    String encoded = text.strip();
    JsonNode json = json(decodeBase64(encoded));
    String clientName = json.path("client_name").asText("");
    String fingerprint = json.path("fingerprint").asText("");
    if (fingerprint.isEmpty() || json.path("secret").asText("").isEmpty()) {
      throw new IllegalArgumentException("it has no server fingerprint or no secret");
    }
    Fingerprint server;
    try {
      server = Fingerprint.parse(fingerprint);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("its server fingerprint is not a SHA-256 fingerprint");
    }
    List<String> addresses = new ArrayList<>();
    json.path("addresses").forEach(address -> addresses.add(address.asText()));
    return new TrustToken(encoded, clientName, server, addresses, expiry(json.path("expires_at")));
  }

  private static byte[] decodeBase64(String encoded) {
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException standard) {
      try {
        return Base64.getUrlDecoder().decode(encoded);
      } catch (IllegalArgumentException url) {
        throw new IllegalArgumentException("it is not base64");
      }
    }
  }

  private static JsonNode json(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("it does not decode to a JSON object");
      }
      return node;
    } catch (IOException e) {
      // Jackson's message quotes the input, which is the secret: say only what kind of problem.
      throw new IllegalArgumentException("it does not decode to JSON");
    }
  }

  private static Optional<Instant> expiry(JsonNode node) {
    if (node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
      return Optional.empty();
    }
    try {
      Instant at = OffsetDateTime.parse(node.asText()).toInstant();
      return at.equals(NEVER) ? Optional.empty() : Optional.of(at);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("its expiry \"" + node.asText() + "\" is not a date");
    }
  }

  /** The whole token, for the one request that presents it to the server. */
  String encoded() {
    return encoded;
  }

  /** The name the token was issued for ({@code incus config trust add NAME}). */
  public String clientName() {
    return clientName;
  }

  /** The certificate the server that issued the token presents. */
  public Fingerprint serverFingerprint() {
    return serverFingerprint;
  }

  /** Where the server said it listens when it issued the token. */
  public List<String> addresses() {
    return addresses;
  }

  /** When the token stops working; empty when it never expires. */
  public Optional<Instant> expiresAt() {
    return expiresAt;
  }

  public boolean isExpiredAt(Instant now) {
    return expiresAt.map(now::isAfter).orElse(false);
  }

  @Override
  public String toString() {
    return "TrustToken[client_name=" + clientName + ", server=" + serverFingerprint
        + ", addresses=" + addresses + ", expires_at=" + expiresAt.map(Instant::toString).orElse("never")
        + ", secret=<hidden>]";
  }
}
