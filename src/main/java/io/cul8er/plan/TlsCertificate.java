package io.cul8er.plan;

import java.util.List;
import java.util.Optional;

/**
 * The certificate one TLS service of the edge serves on public port {@code port}: the digest of the
 * one the topology names now ({@code sha256:HEX}, or {@value #SELF_SIGNED} for each host's own), the
 * digest the state records (none before the service first served TLS), and what to warn about (a
 * self-signed certificate, one that expires soon); {@value #NONE} for a service the state records
 * that no longer terminates TLS. Digests only: never a certificate or its key.
 */
public record TlsCertificate(String service, int port, String digest, Optional<String> recorded,
    List<String> warnings) {
  public static final String SELF_SIGNED = "self-signed";
  /** The digest of a service that no longer terminates TLS (its port now plain, or gone). */
  public static final String NONE = "none";
  private static final int SHOWN_HEX = 12;

  public TlsCertificate {
    warnings = List.copyOf(warnings);
  }

  /** Desired, before the state is read. */
  public TlsCertificate(String service, int port, String digest, List<String> warnings) {
    this(service, port, digest, Optional.empty(), warnings);
  }

  public TlsCertificate withRecorded(Optional<String> digestRecorded) {
    return new TlsCertificate(service, port, digest, digestRecorded, warnings);
  }

  /** A service the state records with {@code digest} that no longer terminates TLS. */
  public static TlsCertificate dropped(String service, int port, String digest) {
    return new TlsCertificate(service, port, NONE, Optional.of(digest), List.of());
  }

  /** Whether the edge serves a certificate for it once the plan is applied. */
  public boolean served() {
    return !digest.equals(NONE);
  }

  /** Whether the edge must be given another certificate than the one the state records. */
  public boolean changed() {
    return !recorded.equals(Optional.of(digest));
  }

  /** {@code certificate of :443 sha256:0123456789ab.. -> sha256:fedcba987654..} */
  public String describe() {
    return "certificate of :" + port + " " + recorded.map(TlsCertificate::shortly).orElse("none") + " -> "
        + shortly(digest);
  }

  static String shortly(String digest) {
    String prefix = "sha256:";
    return digest.startsWith(prefix) && digest.length() > prefix.length() + SHOWN_HEX
        ? digest.substring(0, prefix.length() + SHOWN_HEX) + ".." : digest;
  }
}
