package io.cul8er.incus.https;

import io.cul8er.model.Cul8erException;
import io.cul8er.tls.Pem;
import io.cul8er.tls.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;

/**
 * The key and certificate this machine presents to Incus servers: ECDSA P-384, self-signed, made
 * once in the configuration directory ({@code client.key} mode 0600, directory 0700) and reused.
 * Servers trust it through a trust token; its fingerprint is what {@code incus config trust list}
 * shows.
 */
public final class ClientIdentity {
  public static final String CERTIFICATE_FILE = "client.crt";
  public static final String KEY_FILE = "client.key";

  private final Path directory;
  private final X509Certificate certificate;
  private final PrivateKey privateKey;

  private ClientIdentity(Path directory, X509Certificate certificate, PrivateKey privateKey) {
    this.directory = directory;
    this.certificate = certificate;
    this.privateKey = privateKey;
  }

  /**
   * The identity stored in {@code directory}, made there first when it has none.
   *
   * @throws Cul8erException when only one of the two files is there, or the key is readable by
   *     others
   */
  public static ClientIdentity loadOrCreate(Path directory, Clock clock) {
    Path certificateFile = directory.resolve(CERTIFICATE_FILE);
    Path keyFile = directory.resolve(KEY_FILE);
    boolean hasCertificate = Files.exists(certificateFile);
    boolean hasKey = Files.exists(keyFile);
    if (!hasCertificate && !hasKey) {
      return create(directory, clock);
    }
    if (hasCertificate != hasKey) {
      Path present = hasCertificate ? certificateFile : keyFile;
      Path missing = hasCertificate ? keyFile : certificateFile;
      throw new Cul8erException("Tried to load the HTTPS client identity from " + directory
          + ", but " + present + " is there without " + missing
          + ": restore it, or remove " + present + " to make a new identity (servers must then trust it again)");
    }
    if (PrivateFiles.isExposed(keyFile)) {
      throw new Cul8erException("Refusing to use the HTTPS client key " + keyFile + ": its mode is "
          + PrivateFiles.mode(keyFile) + ", so others may read it. Run `chmod 600 " + keyFile
          + "`, and make a new identity if someone else could have copied it");
    }
    try {
      return new ClientIdentity(directory, Pem.readCertificate(certificateFile), Pem.readPrivateKey(keyFile));
    } catch (IllegalArgumentException e) {
      throw new Cul8erException("Tried to load the HTTPS client identity from " + directory
          + ", but " + e.getMessage(), e);
    }
  }

  private static ClientIdentity create(Path directory, Clock clock) {
    KeyPair keys = SelfSignedCertificate.newKeyPair();
    X509Certificate certificate = SelfSignedCertificate.clientCertificate(
        keys, "cul8er@" + System.getProperty("user.name", "unknown"), clock.instant());
    PrivateFiles.directory(directory);
    PrivateFiles.write(directory.resolve(KEY_FILE), Pem.encode(keys.getPrivate()));
    PrivateFiles.write(directory.resolve(CERTIFICATE_FILE), Pem.encode(certificate));
    return new ClientIdentity(directory, certificate, keys.getPrivate());
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public Fingerprint fingerprint() {
    return Fingerprint.of(certificate);
  }

  public Path certificateFile() {
    return directory.resolve(CERTIFICATE_FILE);
  }

  public Path keyFile() {
    return directory.resolve(KEY_FILE);
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "client certificate " + fingerprint() + " (" + certificateFile() + ")";
  }
}
