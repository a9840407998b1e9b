package io.cul8er.engine;

import io.cul8er.edge.EdgeCertificates;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Expose;
import io.cul8er.model.ExposeTls;
import io.cul8er.model.Protocol;
import io.cul8er.model.SecretRef;
import io.cul8er.model.ServiceGroup;
import io.cul8er.model.Topology;
import io.cul8er.plan.TlsCertificate;
import io.cul8er.tls.Pem;
import io.cul8er.tls.ServerCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The certificates of a topology's TLS services ({@code protocol: :https}), read and checked when it
 * is planned, from where {@code cert:} and {@code key:} say (a file or an environment variable, as
 * every secret). A file that cannot be read, one without a certificate or without a key, a key that
 * does not match, a certificate expired or not valid yet, or not valid for one of the port's
 * {@code domains:}: each is an error naming the file and the
 * DSL position, all of them collected before the plan is refused. A certificate that expires within
 * 14 days, and a service that names none (each host's edge then serves its own self-signed one), are
 * warnings. Only digests leave this class for plans and state; the keys go to the edges alone
 * ({@link #forEdges}).
 */
final class TlsCertificates {
  static final TlsCertificates NONE = new TlsCertificates(Map.of(), List.of());
  static final String SELF_SIGNED_WARNING = "no `cert:` and `key:`, so each host's edge serves its own self-signed"
      + " certificate: for development only, clients will not trust it";

  private final Map<String, ServerCertificate> byService;
  private final List<TlsCertificate> served;

  private TlsCertificates(Map<String, ServerCertificate> byService, List<TlsCertificate> served) {
    this.byService = Map.copyOf(byService);
    this.served = List.copyOf(served);
  }

  /**
   * Reads and checks the certificate of every TLS service of {@code topology}, valid at {@code now}.
   *
   * @throws Cul8erException listing every problem found, one a line, when one is unusable
   */
  static TlsCertificates load(Topology topology, Secrets secrets, Instant now) {
    List<String> problems = new ArrayList<>();
    Map<String, ServerCertificate> loaded = new TreeMap<>();
    List<TlsCertificate> served = new ArrayList<>();
    for (ServiceGroup group : ServiceGroup.of(topology)) {
      Expose expose = group.first();
      if (expose.protocol() != Protocol.HTTPS) {
        continue;
      }
      ExposeTls tls = expose.tls();
      if (tls.selfSigned()) {
        served.add(new TlsCertificate(group.name(), expose.as(), TlsCertificate.SELF_SIGNED,
            List.of(SELF_SIGNED_WARNING)));
        continue;
      }
      String subject = "resource `" + group.exposes().keySet().iterator().next() + "`, port " + expose.as() + ": ";
      read(subject, tls.certificate().orElseThrow(), tls.key().orElseThrow(), expose.domains(), secrets, now, problems)
          .ifPresent(certificate -> {
            loaded.put(group.name(), certificate);
            served.add(new TlsCertificate(group.name(), expose.as(), certificate.digest(),
                certificate.expiryWarning(now).stream().toList()));
          });
    }
    if (!problems.isEmpty()) {
      throw new Cul8erException("Cannot use the TLS certificates of topology " + topology.name()
          + " (nothing was changed):\n  " + String.join("\n  ", problems));
    }
    return new TlsCertificates(loaded, served);
  }

  /** The certificate every TLS service serves, by digest, with its warnings. */
  List<TlsCertificate> served() {
    return served;
  }

  /**
   * {@link #served()}, and the services {@code recorded} (the state's digests, by service) names
   * that no longer terminate TLS: dropped, so that the plan brings their edges in line.
   */
  List<TlsCertificate> planned(Map<String, String> recorded) {
    List<TlsCertificate> planned = new ArrayList<>(served);
    recorded.forEach((service, digest) -> {
      if (served.stream().noneMatch(c -> c.service().equals(service))) {
        planned.add(TlsCertificate.dropped(service, port(service), digest));
      }
    });
    return planned;
  }

  /** The public port of a service, the end of its name ({@code web_443}: see ServiceGroup); 0 when it has none. */
  private static int port(String service) {
    String end = service.substring(service.lastIndexOf('_') + 1);
    return end.matches("[0-9]{1,5}") ? Integer.parseInt(end) : 0;
  }

  /** The digest of each service's certificate; a service of the host's self-signed one is absent. */
  Map<String, String> digests() {
    Map<String, String> digests = new LinkedHashMap<>();
    byService.forEach((service, certificate) -> digests.put(service, certificate.digest()));
    return digests;
  }

  /** The certificates with their keys, for the edges' bundles only. */
  EdgeCertificates forEdges() {
    return EdgeCertificates.of(List.copyOf(byService.values()));
  }

  private static Optional<ServerCertificate> read(String subject, SecretRef certificateRef, SecretRef keyRef,
      List<String> domains, Secrets secrets, Instant now, List<String> problems) {
    Optional<String> certificateText = text(subject, "certificate", certificateRef, secrets, problems);
    Optional<String> keyText = text(subject, "key", keyRef, secrets, problems);
    List<X509Certificate> chain = null;
    PrivateKey key = null;
    if (certificateText.isPresent()) {
      try {
        chain = Pem.certificates(certificateText.get(), source(certificateRef));
      } catch (IllegalArgumentException e) {
        problems.add(certificateRef.pos() + ": " + subject + e.getMessage());
      }
    }
    if (keyText.isPresent()) {
      try {
        key = Pem.privateKey(keyText.get(), source(keyRef));
      } catch (IllegalArgumentException e) {
        problems.add(keyRef.pos() + ": " + subject + e.getMessage());
      }
    }
    if (chain == null || key == null) {
      return Optional.empty();
    }
    ServerCertificate certificate = new ServerCertificate(chain, key);
    List<String> unfit = certificate.problems(domains, now);
    for (String problem : unfit) {
      String sources = problem.contains("key") ? source(certificateRef) + " with the key " + source(keyRef)
          : source(certificateRef);
      problems.add(certificateRef.pos() + ": " + subject + sources + ": " + problem);
    }
    return unfit.isEmpty() ? Optional.of(certificate) : Optional.empty();
  }

  private static Optional<String> text(String subject, String what, SecretRef ref, Secrets secrets,
      List<String> problems) {
    Optional<String> text = secrets.read(ref);
    if (text.isEmpty()) {
      problems.add(ref.pos() + ": " + subject + "cannot read the " + what + ": " + unreadable(ref));
    }
    return text;
  }

  private static String unreadable(SecretRef ref) {
    if (ref instanceof SecretRef.FromFile file && !Files.exists(Path.of(file.path()))) {
      return "the file " + file.path() + " does not exist";
    }
    return Secrets.describeMissing(ref);
  }

  /** Where a PEM text was read, for messages: the file, or the environment variable. */
  private static String source(SecretRef ref) {
    return ref instanceof SecretRef.FromFile file ? file.path()
        : "the environment variable " + ((SecretRef.FromEnv) ref).variable();
  }
}
