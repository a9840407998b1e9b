package io.cul8er.edge;

import io.cul8er.tls.ServerCertificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The certificates (with their keys) that an edge's TLS services name, by digest: handed to {@link
 * EdgeHost#apply} beside the services and written only as bundle files of mode 0600. {@link
 * #toString} names digests only, so logging this never writes a key.
 */
public final class EdgeCertificates {
  public static final EdgeCertificates NONE = new EdgeCertificates(Map.of());

  private final Map<String, ServerCertificate> byDigest;

  private EdgeCertificates(Map<String, ServerCertificate> byDigest) {
    this.byDigest = Map.copyOf(byDigest);
  }

  public static EdgeCertificates of(List<ServerCertificate> certificates) {
    return new EdgeCertificates(certificates.stream()
        .collect(Collectors.toMap(ServerCertificate::digest, c -> c, (a, b) -> a, TreeMap::new)));
  }

  public Optional<ServerCertificate> get(String digest) {
    return Optional.ofNullable(byDigest.get(digest));
  }

  @Override
  public String toString() {
    return "EdgeCertificates" + new TreeMap<>(byDigest).keySet();
  }
}
