package io.cul8er.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A TLS server certificate chain (leaf first) and its private key, as an edge serves them; what is
 * wrong with them for a set of names at a time; the PEM bundle HAProxy loads; a digest that changes
 * when either changes (state keeps the digest, never the key).
 */
public record ServerCertificate(List<X509Certificate> chain, PrivateKey key) {
  /** A certificate expiring sooner than this gets a warning. */
  public static final Duration RENEW_BEFORE = Duration.ofDays(14);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  public ServerCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs its leaf certificate");
    }
  }

  /**
   * Reads the chain from {@code certificateText} and the key from {@code keyText} (the same text
   * when both are in one file).
   *
   * @throws IllegalArgumentException naming the source that holds no certificate or key
   */
  public static ServerCertificate of(String certificateText, String certificateSource, String keyText,
      String keySource) {
    return new ServerCertificate(Pem.certificates(certificateText, certificateSource),
        Pem.privateKey(keyText, keySource));
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  /**
   * What makes this pair unfit to serve {@code names} at {@code now}, one sentence each; empty
   * when it is fit. {@code names} may be empty (any name is accepted then).
   */
  public List<String> problems(List<String> names, Instant now) {
    List<String> problems = new ArrayList<>();
    if (!matches(leaf().getPublicKey(), key)) {
      int other = indexMatchingKey();
      problems.add(other > 0
          ? "the certificate that matches the key is number " + (other + 1) + " in the file: put it first, then its chain"
          : "the key does not match the certificate (" + subject() + ")");
    }
    if (now.isAfter(leaf().getNotAfter().toInstant())) {
      problems.add("the certificate (" + subject() + ") expired on " + DAY.format(leaf().getNotAfter().toInstant()));
    } else if (now.isBefore(leaf().getNotBefore().toInstant())) {
      problems.add("the certificate (" + subject() + ") is not valid before "
          + DAY.format(leaf().getNotBefore().toInstant()));
    }
    List<String> dnsNames = dnsNames();
    for (String name : names) {
      if (dnsNames.stream().noneMatch(pattern -> HostNames.matches(pattern, name))) {
        problems.add("the certificate (" + subject() + ") is not valid for " + name + " (it names "
            + (dnsNames.isEmpty() ? "no DNS name" : String.join(", ", dnsNames)) + ")");
      }
    }
    return List.copyOf(problems);
  }

  /** A warning when the certificate expires within {@link #RENEW_BEFORE} of {@code now}. */
  public Optional<String> expiryWarning(Instant now) {
    Instant notAfter = leaf().getNotAfter().toInstant();
    return now.isBefore(notAfter) && now.plus(RENEW_BEFORE).isAfter(notAfter)
        ? Optional.of("the certificate (" + subject() + ") expires on " + DAY.format(notAfter) + ": renew it")
        : Optional.empty();
  }

  /** The DNS names of the leaf's subject alternative names, as written (wildcards included). */
  public List<String> dnsNames() {
    try {
      Collection<List<?>> alternatives = leaf().getSubjectAlternativeNames();
      if (alternatives == null) {
        return List.of();
      }
      return alternatives.stream().filter(a -> Integer.valueOf(2).equals(a.get(0)))
          .map(a -> a.get(1).toString().toLowerCase(Locale.ROOT)).toList();
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }

  /** The chain then the key, PEM: one file HAProxy's {@code crt} loads. Secret: write it 0600. */
  public byte[] pemBundle() {
    StringBuilder bundle = new StringBuilder();
    chain.forEach(c -> bundle.append(new String(Pem.encode(c), StandardCharsets.US_ASCII)));
    bundle.append(new String(Pem.encode(key), StandardCharsets.US_ASCII));
    return bundle.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code sha256:HEX} of the chain and the key: changes when either is rotated, reveals neither. */
  public String digest() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (X509Certificate certificate : chain) {
        sha256.update(certificate.getEncoded());
      }
      sha256.update(key.getEncoded());
      return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has SHA-256 and can encode its certificates", e);
    }
  }

  private String subject() {
    return leaf().getSubjectX500Principal().getName();
  }

  private int indexMatchingKey() {
    for (int i = 0; i < chain.size(); i++) {
      if (matches(chain.get(i).getPublicKey(), key)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code key} signs what {@code publicKey} verifies: works for RSA, EC and EdDSA alike. */
  static boolean matches(PublicKey publicKey, PrivateKey key) {
    if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
      return false;
    }
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm(); // Ed25519, Ed448
    };
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
