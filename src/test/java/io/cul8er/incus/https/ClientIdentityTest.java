package io.cul8er.incus.https;

import io.cul8er.model.Cul8erException;
import io.cul8er.tls.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientIdentityTest {
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path home;

  @Test
  void isMadeOnceAsAnEcdsaP384ClientCertificateWithAPrivateKey() throws Exception {
    Path directory = home.resolve(".config/cul8er");

    ClientIdentity identity = ClientIdentity.loadOrCreate(directory, CLOCK);

    assertThat(PrivateFiles.mode(directory)).isEqualTo("rwx------");
    assertThat(PrivateFiles.mode(identity.keyFile())).isEqualTo("rw-------");
    assertThat(identity.keyFile()).isEqualTo(directory.resolve("client.key"));
    assertThat(identity.certificateFile()).isEqualTo(directory.resolve("client.crt"));
    assertThat(Files.readString(identity.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(identity.certificateFile())).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(identity.certificate().getSigAlgName()).isEqualTo("SHA384withECDSA");
    assertThat(((ECPublicKey) identity.certificate().getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(384);
    assertThat(identity.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(identity.certificate().getBasicConstraints()).isEqualTo(-1);
    assertThat(identity.certificate().getNotAfter()).isEqualTo(Date.from(NOW.plus(SelfSignedCertificate.VALIDITY)));
    identity.certificate().verify(identity.certificate().getPublicKey());
    assertThat(identity.toString()).isEqualTo("client certificate " + identity.fingerprint()
        + " (" + identity.certificateFile() + ")");
  }

  @Test
  void isReusedAfterwards() {
    ClientIdentity first = ClientIdentity.loadOrCreate(home, CLOCK);

    ClientIdentity again = ClientIdentity.loadOrCreate(home, Clock.systemUTC());

    assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(((ECPrivateKey) again.privateKey()).getS()).isEqualTo(((ECPrivateKey) first.privateKey()).getS());
  }

  @Test
  void loadsKeysMadeByOpenSslInEitherFormat() throws Exception {
    for (String key : new String[] {OpenSslFixture.PKCS8_KEY, OpenSslFixture.EC_KEY}) {
      Path directory = Files.createTempDirectory(home, "openssl");
      Files.writeString(directory.resolve("client.crt"), OpenSslFixture.CERTIFICATE);
      Files.writeString(directory.resolve("client.key"), key);
      Files.setPosixFilePermissions(directory.resolve("client.key"), PrivateFiles.FILE);

      ClientIdentity identity = ClientIdentity.loadOrCreate(directory, CLOCK);

      assertThat(identity.fingerprint()).isEqualTo(Fingerprint.parse(OpenSslFixture.OPENSSL_FINGERPRINT));
      assertThat(identity.privateKey().getAlgorithm()).isEqualTo("EC");
    }
  }

  @Test
  void refusesAKeyOthersMayRead() throws Exception {
    ClientIdentity identity = ClientIdentity.loadOrCreate(home, CLOCK);
    Files.setPosixFilePermissions(identity.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> ClientIdentity.loadOrCreate(home, CLOCK))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Refusing to use the HTTPS client key " + identity.keyFile() + ": its mode is"
            + " rw-r--r--, so others may read it. Run `chmod 600 " + identity.keyFile()
            + "`, and make a new identity if someone else could have copied it");
  }

  @Test
  void refusesACertificateWithoutItsKey() throws Exception {
    ClientIdentity identity = ClientIdentity.loadOrCreate(home, CLOCK);
    Files.delete(identity.keyFile());

    assertThatThrownBy(() -> ClientIdentity.loadOrCreate(home, CLOCK))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Tried to load the HTTPS client identity from " + home + ", but "
            + identity.certificateFile() + " is there without " + identity.keyFile()
            + ": restore it, or remove " + identity.certificateFile()
            + " to make a new identity (servers must then trust it again)");
  }

  @Test
  void refusesFilesThatAreNotPem() throws Exception {
    ClientIdentity identity = ClientIdentity.loadOrCreate(home, CLOCK);
    Files.writeString(identity.certificateFile(), OpenSslFixture.PKCS8_KEY);

    assertThatThrownBy(() -> ClientIdentity.loadOrCreate(home, CLOCK))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Tried to load the HTTPS client identity from " + home + ", but "
            + identity.certificateFile() + " holds no PEM certificate (BEGIN CERTIFICATE)");

    Files.writeString(identity.certificateFile(), OpenSslFixture.CERTIFICATE);
    PrivateFiles.write(identity.keyFile(), OpenSslFixture.CERTIFICATE.getBytes());
    assertThatThrownBy(() -> ClientIdentity.loadOrCreate(home, CLOCK))
        .hasMessage("Tried to load the HTTPS client identity from " + home + ", but "
            + identity.keyFile() + " holds no unencrypted PEM private key (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN"
            + " EC PRIVATE KEY)");

    PrivateFiles.write(identity.keyFile(), new byte[0]);
    assertThatThrownBy(() -> ClientIdentity.loadOrCreate(home, CLOCK))
        .hasMessage("Tried to load the HTTPS client identity from " + home + ", but "
            + identity.keyFile() + " holds no PEM block");
  }
}
