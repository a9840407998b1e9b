package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.dsl.Dsl;
import io.cul8er.dsl.ParseResult;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import io.cul8er.plan.TlsCertificate;
import io.cul8er.tls.Pem;
import io.cul8er.tls.SelfSignedCertificate;
import io.cul8er.tls.ServerCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificates of a topology's TLS services read at plan time: every unusable one an error that
 * names its file and DSL position, all of them in one pass; a certificate about to expire and a
 * service without one are warnings.
 */
class TlsCertificatesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");
  private static final String SUBJECT = "CN=localhost,O=C U L8er";

  @TempDir Path dir;
  private final List<String> resources = new ArrayList<>();

  @Test
  void everyUnusableCertificateIsAPositionedErrorNamingItsFileAllInOnePass() throws IOException {
    KeyPair keys = SelfSignedCertificate.newKeyPair();
    write("expired.crt", SelfSignedCertificate.serverCertificate(keys, List.of("localhost"),
        NOW.minus(Duration.ofDays(40)), Duration.ofDays(10)));
    write("expired.key", keys.getPrivate());
    write("other.crt", SelfSignedCertificate.serverCertificate(keys, List.of("localhost"), NOW, Duration.ofDays(90)));
    write("other.key", SelfSignedCertificate.newKeyPair().getPrivate());
    Files.writeString(dir.resolve("garbage.crt"), "not a certificate\n");
    write("only-cert.key", SelfSignedCertificate.serverCertificate(keys, List.of("localhost"), NOW, Duration.ofDays(90)));
    https("expired", "expired.crt", "expired.key");
    https("mismatch", "other.crt", "other.key");
    https("missing", "absent.crt", "expired.key");
    https("garbage", "garbage.crt", "only-cert.key");
    https("swapped", "expired.key", "expired.crt");
    Topology topology = topology();

    assertThatThrownBy(() -> TlsCertificates.load(topology, new Secrets(name -> null), NOW))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Cannot use the TLS certificates of topology tls (nothing was changed):\n"
            + "  " + at("expired", "expired.crt") + "resource `expired`, port 8443: " + file("expired.crt")
            + ": the certificate (" + SUBJECT + ") expired on 2026-10-27 10:15 UTC\n"
            + "  " + at("mismatch", "other.crt") + "resource `mismatch`, port 8444: " + file("other.crt")
            + " with the key " + file("other.key") + ": the key does not match the certificate (" + SUBJECT + ")\n"
            + "  " + at("missing", "absent.crt") + "resource `missing`, port 8445: cannot read the certificate: the file "
            + file("absent.crt") + " does not exist\n"
            + "  " + at("garbage", "garbage.crt") + "resource `garbage`, port 8446: " + file("garbage.crt")
            + " holds no PEM block\n"
            + "  " + at("garbage", "only-cert.key") + "resource `garbage`, port 8446: " + file("only-cert.key")
            + " holds no unencrypted PEM private key (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)\n"
            + "  " + at("swapped", "expired.key") + "resource `swapped`, port 8447: " + file("expired.key")
            + " holds no PEM certificate (BEGIN CERTIFICATE)\n"
            + "  " + at("swapped", "expired.crt") + "resource `swapped`, port 8447: " + file("expired.crt")
            + " holds no unencrypted PEM private key (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
  }

  @Test
  void aGoodCertificateIsServedByItsDigestAndOneAboutToExpireWarns() throws IOException {
    KeyPair keys = SelfSignedCertificate.newKeyPair();
    var leaf = SelfSignedCertificate.serverCertificate(keys, List.of("localhost"), NOW, Duration.ofDays(5));
    write("soon.crt", leaf);
    write("soon.key", keys.getPrivate());
    https("soon", "soon.crt", "soon.key");
    resource("dev", "");
    Topology topology = topology();

    TlsCertificates loaded = TlsCertificates.load(topology, new Secrets(name -> null), NOW);

    String digest = new ServerCertificate(List.of(leaf), keys.getPrivate()).digest();
    assertThat(loaded.served()).containsExactly(
        new TlsCertificate("soon_8443", 8443, digest, List.of("the certificate (" + SUBJECT
            + ") expires on 2026-12-01 10:15 UTC: renew it")),
        new TlsCertificate("dev_8444", 8444, TlsCertificate.SELF_SIGNED, List.of(TlsCertificates.SELF_SIGNED_WARNING)));
    assertThat(loaded.digests()).isEqualTo(Map.of("soon_8443", digest));
    assertThat(loaded.forEdges().get(digest)).isPresent();
    assertThat(loaded.forEdges()).hasToString("EdgeCertificates[" + digest + "]");
  }

  @Test
  void aCertificateNotValidForOneOfThePortsDomainsIsAnErrorNamingTheFileAndTheName() throws IOException {
    KeyPair keys = SelfSignedCertificate.newKeyPair();
    write("shop.crt", SelfSignedCertificate.serverCertificate(keys, List.of("shop.example.com", "*.shop.example.com"),
        NOW, Duration.ofDays(90)));
    write("shop.key", keys.getPrivate());
    https("shop", "shop.crt", "shop.key", "shop.example.com", "*.shop.example.com");
    https("blog", "shop.crt", "shop.key", "shop.example.com", "blog.example.com", "a.b.shop.example.com");
    Topology topology = topology();

    assertThatThrownBy(() -> TlsCertificates.load(topology, new Secrets(name -> null), NOW))
        .hasMessage("Cannot use the TLS certificates of topology tls (nothing was changed):\n"
            + "  " + at("blog", "shop.crt") + "resource `blog`, port 8444: " + file("shop.crt") + ": the certificate ("
            + "CN=shop.example.com,O=C U L8er) is not valid for blog.example.com (it names shop.example.com, *.shop.example.com)\n"
            + "  " + at("blog", "shop.crt") + "resource `blog`, port 8444: " + file("shop.crt") + ": the certificate ("
            + "CN=shop.example.com,O=C U L8er) is not valid for a.b.shop.example.com (it names shop.example.com, *.shop.example.com)");
  }

  @Test
  void aServiceTheStateRecordsThatNoLongerTerminatesTlsIsPlannedAsDropped() {
    resource("dev", "");
    TlsCertificates loaded = TlsCertificates.load(topology(), new Secrets(name -> null), NOW);

    assertThat(loaded.planned(Map.of("dev_8443", "self-signed", "shop_443", "sha256:" + "ab".repeat(32))))
        .containsExactly(loaded.served().get(0), TlsCertificate.dropped("shop_443", 443, "sha256:" + "ab".repeat(32)));
  }

  @Test
  void aTopologyWithoutTlsReadsNothing() {
    assertThat(TlsCertificates.load(topology(), new Secrets(name -> null), NOW).served()).isEmpty();
  }

  /** Adds a resource exposing port 4000 as the next port from 8443 with TLS from these files. */
  private void https(String name, String certificate, String key, String... domains) {
    resource(name, "cert: [from: :file, path: \"" + file(certificate) + "\"], key: [from: :file, path: \""
        + file(key) + "\"]" + (domains.length == 0 ? "" : ", domains: [\"" + String.join("\", \"", domains) + "\"]"));
  }

  private void resource(String name, String tls) {
    int port = 8443 + resources.size();
    String text = "  resource :" + name + ", on: :h do\n    from_image \"images:alpine/3.19\"\n    network do\n"
        + "      expose port: 4000, as: " + port + ", protocol: :https" + (tls.isEmpty() ? "" : ", " + tls) + "\n"
        + "    end\n    deploy release: :" + name + ", version: \"1.0.0\", runtime: :jvm\n  end\n";
    resources.add(text);
  }

  private Topology topology() {
    ParseResult parsed = Dsl.parse("tls.cul8", "topology :tls do\n  host :h do\n    address \"localhost\"\n"
        + "    platform :debian\n  end\n" + String.join("", resources) + "end\n");
    assertThat(parsed.diagnostics()).as(parsed.render()).isEmpty();
    return parsed.topologies().get(0);
  }

  /** {@code tls.cul8:LINE:COL: } of the secret naming {@code file} in resource {@code name}'s expose. */
  private String at(String name, String fileName) {
    String[] lines = ("topology :tls do\n  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + String.join("", resources)).split("\n");
    int index = java.util.Arrays.asList(lines).indexOf("  resource :" + name + ", on: :h do") + 3;
    int column = lines[index].indexOf("[from: :file, path: \"" + file(fileName)) + 1;
    return "tls.cul8:" + (index + 1) + ":" + column + ": ";
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  private void write(String name, Object certificateOrKey) throws IOException {
    Files.write(dir.resolve(name), Pem.encode(certificateOrKey));
  }
}
