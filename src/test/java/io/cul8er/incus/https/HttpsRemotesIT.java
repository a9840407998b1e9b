package io.cul8er.incus.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.IncusClient;
import io.cul8er.incus.IncusSettings;
import io.cul8er.incus.api.Instance;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust-token flow and certificate pinning against the Incus daemon on this machine. */
class HttpsRemotesIT {
  private static LocalIncusHttps incus;

  @TempDir Path config;

  @BeforeAll
  static void listen() {
    incus = LocalIncusHttps.start();
  }

  @AfterAll
  static void stopListening() {
    if (incus != null) {
      incus.close();
    }
  }

  private HttpsRemotes remotes() {
    HttpsRemotes remotes = new HttpsRemotes(config, Clock.systemUTC());
    incus.added(remotes.identity().fingerprint());
    return remotes;
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void firstContactTrustsThisClientPinsTheServerAndDrivesInstances() {
    HttpsRemotes remotes = remotes();
    String name = unique("cul8er-it");
    String token = incus.issueToken(name);

    try (IncusClient client = remotes.connect("host `remote`", incus.server(), () -> Optional.of(token),
        IncusSettings.defaults())) {
      assertThat(client.server().auth()).isEqualTo("trusted");
      String instance = unique("https-it");
      client.createInstance(InstancesPost.container(instance, InstanceSource.alias("cul8er/busybox")));
      assertThat(client.listInstances()).extracting(Instance::name).contains(instance);
      client.deleteInstance(instance);
      assertThat(client.findInstance(instance)).isEmpty();
    }

    assertThat(incus.trustedClients()).contains(remotes.identity().fingerprint());
    assertThat(incus.tokenPending(name)).as("the token was used").isFalse();
    ServerPin.Stored pin = remotes.pins().find(incus.server()).orElseThrow();
    assertThat(pin.fingerprint()).isEqualTo(incus.serverFingerprint());
    assertThat(pin.file()).isEqualTo(config.resolve("servers/127.0.0.1_" + incus.server().port() + ".fingerprint"));
    assertThat(PrivateFiles.mode(pin.file())).isEqualTo("rw-------");
    assertThat(PrivateFiles.mode(remotes.identity().keyFile())).isEqualTo("rw-------");
    assertThat(PrivateFiles.mode(config)).isEqualTo("rwx------");
  }

  @Test
  void laterContactsNeedNoTokenAndAReplacedClientIsEnrolledAgainWithANewToken() {
    String token = incus.issueToken(unique("cul8er-it"));
    remotes().connect("host `remote`", incus.server(), () -> Optional.of(token), IncusSettings.defaults()).close();

    HttpsRemotes later = new HttpsRemotes(config, Clock.systemUTC());
    try (IncusClient client = later.connect("host `remote`", incus.server(), TokenSource.none(),
        IncusSettings.defaults())) {
      assertThat(client.listInstances()).isNotNull();
      assertThat(client.server().auth()).isEqualTo("trusted");
    }

    incus.untrust(later.identity().fingerprint());
    assertThatThrownBy(() -> later.connect("host `remote`", incus.server(), TokenSource.none(),
        IncusSettings.defaults()))
        .isInstanceOf(TrustTokenException.class)
        .hasMessage("The Incus server at " + incus.server() + " (host `remote`) no longer trusts this"
            + " client's certificate " + later.identity().fingerprint() + ": create one on the server"
            + " with `incus config trust add cul8er` and give it with `token:`");

    String foreign = withFingerprint(incus.issueToken(unique("cul8er-it")), "cd".repeat(32));
    assertThatThrownBy(() -> later.connect("host `remote`", incus.server(), () -> Optional.of(foreign),
        IncusSettings.defaults()))
        .isInstanceOf(TrustTokenException.class)
        .hasMessage("The trust token for host `remote` names server certificate SHA256:" + "cd".repeat(32)
            + ", but the server at " + incus.server() + " is pinned to " + incus.serverFingerprint()
            + ": the token was issued by another server; create one on the server with"
            + " `incus config trust add cul8er`");

    String renewal = incus.issueToken(unique("cul8er-it"));
    incus.added(later.identity().fingerprint());
    later.connect("host `remote`", incus.server(), () -> Optional.of(renewal), IncusSettings.defaults()).close();
    assertThat(incus.trustedClients()).contains(later.identity().fingerprint());
  }

  @Test
  void aTokenWorksOnce(@TempDir Path otherConfig) {
    String token = incus.issueToken(unique("cul8er-it"));
    remotes().connect("host `remote`", incus.server(), () -> Optional.of(token), IncusSettings.defaults()).close();
    HttpsRemotes other = new HttpsRemotes(otherConfig, Clock.systemUTC());
    incus.added(other.identity().fingerprint());

    assertThatThrownBy(() -> other.connect("host `remote`", incus.server(), () -> Optional.of(token),
        IncusSettings.defaults()))
        .isInstanceOf(TrustTokenException.class)
        .hasMessageStartingWith("The Incus server at " + incus.server() + " (host `remote`) refused the"
            + " trust token: Incus said 403: ")
        .hasMessageEndingWith(". A token works once and may expire; create one on the server with"
            + " `incus config trust add cul8er`");
    assertThat(incus.trustedClients()).doesNotContain(other.identity().fingerprint());
    assertThat(other.pins().find(incus.server())).isEmpty();
  }

  @Test
  void aTokenNamingAnotherServerCertificateIsRefusedBeforeAnyRequest() {
    HttpsRemotes remotes = remotes();
    String name = unique("cul8er-it");
    String forged = withFingerprint(incus.issueToken(name), "ab".repeat(32));

    assertThatThrownBy(() -> remotes.connect("host `remote`", incus.server(), () -> Optional.of(forged),
        IncusSettings.defaults()))
        .isInstanceOf(UntrustedServerException.class)
        .hasMessage("The Incus server at " + incus.server() + " presented certificate "
            + incus.serverFingerprint() + ", but the trust token names SHA256:" + "ab".repeat(32)
            + ": the token was issued by another server, or someone is intercepting the connection."
            + " Nothing was sent. Check the host's address and port, or create a new token on the"
            + " server with `incus config trust add cul8er`");
    assertThat(incus.tokenPending(name)).as("the token never reached the server").isTrue();
    assertThat(incus.trustedClients()).doesNotContain(remotes.identity().fingerprint());
    assertThat(remotes.pins().find(incus.server())).isEmpty();
  }

  @Test
  void aServerPresentingAnotherCertificateThanThePinnedOneIsRefused() throws Exception {
    try (ImpostorTlsServer impostor = new ImpostorTlsServer()) {
      HttpsRemotes remotes = remotes();
      Instant pinnedAt = Instant.parse("2026-01-02T03:04:05Z");
      ServerPin.Stored pin = remotes.pins().pin(impostor.server(), incus.serverFingerprint(), pinnedAt);

      assertThatThrownBy(() -> remotes.connect("host `remote`", impostor.server(), TokenSource.none(),
          IncusSettings.defaults()))
          .isInstanceOf(UntrustedServerException.class)
          .hasMessage("The Incus server at " + impostor.server() + " presented certificate "
              + impostor.fingerprint() + ", but C U L8er pinned " + incus.serverFingerprint()
              + " for it on 2026-01-02T03:04:05Z: it may have been replaced or impersonated; if the"
              + " change is expected, remove " + pin.file() + " and re-run with a new trust token");
      assertThat(impostor.connections()).isEqualTo(1);
      assertThat(impostor.bytesReceived()).as("no request reached the impostor").isZero();
    }
  }

  private static String withFingerprint(String token, String fingerprint) {
    String json = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
    String forged = json.replaceFirst("\"fingerprint\":\"[0-9a-f]{64}\"", "\"fingerprint\":\"" + fingerprint + "\"");
    assertThat(forged).isNotEqualTo(json);
    return Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8));
  }

}
