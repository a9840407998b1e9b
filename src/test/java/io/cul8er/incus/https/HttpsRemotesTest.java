package io.cul8er.incus.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.IncusSettings;
import io.cul8er.incus.IncusUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link HttpsRemotes} refuses before or without an Incus server. */
class HttpsRemotesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
  private static final Server SERVER = new Server("198.51.100.9", 8443);
  private static final String NEW_TOKEN = "create one on the server with `incus config trust add cul8er`";

  @TempDir Path config;

  private HttpsRemotes remotes() {
    return new HttpsRemotes(config, CLOCK);
  }

  @Test
  void aFirstContactWithoutTokenSaysHowToGetOne() {
    assertThatThrownBy(() -> remotes().connect("host `remote`", SERVER, TokenSource.none(), IncusSettings.defaults()))
        .isInstanceOf(TrustTokenException.class)
        .hasMessage("Tried to reach host `remote` over HTTPS at 198.51.100.9:8443, but it has no pinned"
            + " certificate and no trust token: " + NEW_TOKEN + " and give it with"
            + " `https port: 8443, token: [from: :system, key: \"INCUS_TOKEN\"]`");
    assertThat(config.resolve("servers")).doesNotExist();
  }

  @Test
  void anExpiredTokenIsRefusedBeforeConnecting() {
    String expired = TrustTokenTest.token("2026-11-26T11:59:59Z");

    assertThatThrownBy(() -> remotes().connect("host `remote`", SERVER, () -> Optional.of(expired),
        IncusSettings.defaults()))
        .isInstanceOf(TrustTokenException.class)
        .hasMessage("The trust token for host `remote` (198.51.100.9:8443) expired at"
            + " 2026-11-26T11:59:59Z; " + NEW_TOKEN);
  }

  @Test
  void aMalformedTokenIsRefusedWithoutQuotingIt() {
    String secret = "84e8b5e83c8e6d991dc25d9f45a08ff2";

    assertThatThrownBy(() -> remotes().connect("host `remote`", SERVER,
        () -> Optional.of(TrustTokenTest.encode("{\"secret\":\"" + secret + "\"")), IncusSettings.defaults()))
        .isInstanceOf(TrustTokenException.class)
        .hasMessage("The trust token for host `remote` (198.51.100.9:8443) is not an Incus trust token:"
            + " it does not decode to JSON; " + NEW_TOKEN)
        .hasNoCause();
  }

  @Test
  void aPinnedServerThatIsDownIsUnreachableNotUntrusted() {
    Server down = new Server("127.0.0.1", LocalIncusHttps.freePort());
    HttpsRemotes remotes = remotes();
    remotes.pins().pin(down, new Fingerprint("ab".repeat(32)), CLOCK.instant());

    assertThatThrownBy(() -> remotes.connect("host `remote`", down, TokenSource.none(), IncusSettings.defaults()))
        .isInstanceOf(IncusUnavailableException.class)
        .hasMessage("Could not send GET /1.0 to the Incus server at " + down + ": connection refused."
            + " Check that Incus listens there (on the server: `incus config set core.https_address "
            + down + "`) and that no firewall is in the way");
  }

  @Test
  void aServerThatDoesNotSpeakTlsFailsTheHandshake() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
        try (Socket client = plain.accept(); OutputStream out = client.getOutputStream()) {
          out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      Server server = new Server("127.0.0.1", plain.getLocalPort());
      HttpsRemotes remotes = remotes();
      remotes.pins().pin(server, new Fingerprint("ab".repeat(32)), CLOCK.instant());

      assertThatThrownBy(() -> remotes.connect("host `remote`", server, TokenSource.none(), IncusSettings.defaults()))
          .isInstanceOf(IncusUnavailableException.class)
          .hasMessageStartingWith("Could not send GET /1.0 to the Incus server at " + server
              + ": the TLS handshake failed (")
          .hasMessageEndingWith("); is it an Incus HTTPS API, speaking TLS 1.3?");
      answer.join();
    }
  }

  @Test
  void theIdentityIsMadeOnceAndShared() {
    HttpsRemotes remotes = remotes();

    assertThat(remotes.identity()).isSameAs(remotes.identity());
    assertThat(Files.exists(config.resolve("client.key"))).isTrue();
  }

  @Test
  void keepsItsFilesInTheXdgConfigDirectoryOrInDotConfig() {
    assertThat(HttpsRemotes.defaultDirectory(Map.of("XDG_CONFIG_HOME", "/srv/conf")::get))
        .isEqualTo(Path.of("/srv/conf/cul8er"));
    assertThat(HttpsRemotes.defaultDirectory(Map.<String, String>of()::get))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "cul8er"));
  }
}
