package io.cul8er.edge;

import io.cul8er.model.Cul8erException;
import io.cul8er.tls.SelfSignedCertificate;
import io.cul8er.tls.ServerCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The local edge's certificate directory: one PEM bundle (chain and key) per certificate, named by
 * its digest, mode 0600 in a directory of mode 0700 (HAProxy here runs as the user who deploys, so
 * nobody else needs to read it). The host's self-signed certificate is made once and kept, so that
 * it does not change at every deploy.
 */
final class TlsBundles {
  private final Path directory;
  private final List<String> selfSignedNames;

  TlsBundles(Path directory, List<String> selfSignedNames) {
    this.directory = directory;
    this.selfSignedNames = List.copyOf(selfSignedNames);
  }

  /** Writes the bundle of every TLS service in {@code services} that is not there yet. */
  void write(Collection<EdgeService> services, EdgeCertificates certificates) {
    for (EdgeService service : services) {
      if (service.tls().isEmpty()) {
        continue;
      }
      EdgeTls tls = service.tls().get();
      Path file = directory.resolve(tls.fileName());
      if (Files.isRegularFile(file)) {
        continue;
      }
      writePrivately(file, certificate(service, certificates, () -> selfSigned(selfSignedNames), file.toString())
          .pemBundle());
    }
  }

  /** Deletes the bundles no service of {@code services} names (rotated or removed certificates). */
  void keepOnly(Collection<EdgeService> services) {
    Set<String> used = fileNames(services);
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        if (!used.contains(file.getFileName().toString())) {
          Files.deleteIfExists(file);
        }
      }
      if (used.isEmpty()) {
        Files.deleteIfExists(directory);
      }
    } catch (IOException e) {
      throw new Cul8erException("Cannot delete unused certificate bundles in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The bundle files {@code services} name. */
  static Set<String> fileNames(Collection<EdgeService> services) {
    return services.stream().flatMap(s -> s.tls().stream()).map(EdgeTls::fileName)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /**
   * The certificate {@code service} (a TLS one) names: the host's self-signed one, made by {@code
   * selfSigned}, or one of {@code certificates}; {@code bundle} is the file that would hold it.
   */
  static ServerCertificate certificate(EdgeService service, EdgeCertificates certificates,
      Supplier<ServerCertificate> selfSigned, String bundle) {
    EdgeTls tls = service.tls().orElseThrow();
    return tls.certificate().equals(EdgeTls.SELF_SIGNED) ? selfSigned.get()
        : certificates.get(tls.certificate()).orElseThrow(() -> new Cul8erException("Cannot serve "
            + service.name() + " with TLS: its certificate " + tls.certificate()
            + " was not given to the edge, and " + bundle + " does not hold it"));
  }

  /** A new self-signed certificate for {@code names}, valid ten years: made once per host and kept. */
  static ServerCertificate selfSigned(List<String> names) {
    KeyPair keys = SelfSignedCertificate.newKeyPair();
    return new ServerCertificate(List.of(SelfSignedCertificate.serverCertificate(keys, names, Instant.now(),
        SelfSignedCertificate.VALIDITY)), keys.getPrivate());
  }

  private void writePrivately(Path file, byte[] bundle) {
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path next = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(next);
      Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(next, bundle);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new Cul8erException("Cannot write the certificate bundle " + file + " (mode 0600): " + e.getMessage(), e);
    }
  }
}
