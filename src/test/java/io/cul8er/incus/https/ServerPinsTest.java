package io.cul8er.incus.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Cul8erException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerPinsTest {
  private static final Fingerprint FIRST = new Fingerprint("ab".repeat(32));
  private static final Fingerprint SECOND = new Fingerprint("cd".repeat(32));
  private static final Server SERVER = new Server("127.0.0.1", 8443);

  @TempDir Path config;

  @Test
  void keepsOnePrivateFilePerServer() throws Exception {
    ServerPins pins = new ServerPins(config.resolve("servers"));

    ServerPin.Stored pin = pins.pin(SERVER, FIRST, Instant.parse("2026-11-26T01:02:03.456Z"));

    Path file = config.resolve("servers/127.0.0.1_8443.fingerprint");
    assertThat(pin).isEqualTo(new ServerPin.Stored(FIRST, Instant.parse("2026-11-26T01:02:03Z"), file));
    assertThat(Files.readString(file)).isEqualToNormalizingNewlines("""
        {
          "server" : "127.0.0.1:8443",
          "fingerprint" : "SHA256:%s",
          "pinned_at" : "2026-11-26T01:02:03Z"
        }""".formatted(FIRST.hex()));
    assertThat(PrivateFiles.mode(file)).isEqualTo("rw-------");
    assertThat(PrivateFiles.mode(config.resolve("servers"))).isEqualTo("rwx------");
    assertThat(pins.find(SERVER)).contains(pin);
    assertThat(pins.find(new Server("127.0.0.1", 8444))).isEmpty();
  }

  @Test
  void aNewPinReplacesTheOldOne() {
    ServerPins pins = new ServerPins(config);
    pins.pin(SERVER, FIRST, Instant.parse("2026-01-01T00:00:00Z"));

    pins.pin(SERVER, SECOND, Instant.parse("2026-02-01T00:00:00Z"));

    assertThat(pins.find(SERVER).orElseThrow().fingerprint()).isEqualTo(SECOND);
  }

  @Test
  void aDamagedPinFileIsAnErrorNotAMissingPin() throws Exception {
    ServerPins pins = new ServerPins(config);
    Files.writeString(pins.fileFor(SERVER), "{\"fingerprint\":\"SHA256:abc\",\"pinned_at\":\"2026-01-01T00:00:00Z\"}");

    assertThatThrownBy(() -> pins.find(SERVER))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Tried to read the pinned certificate of the Incus server at 127.0.0.1:8443 from "
            + pins.fileFor(SERVER) + ", but it is not a pin file (A SHA-256 fingerprint is 64"
            + " lower-case hex digits, not \"abc\"): remove it and re-run with a new trust token");
  }

  @Test
  void refusalsNameBothCertificatesAndWhatToDo() {
    Path file = config.resolve("servers/127.0.0.1_8443.fingerprint");
    ServerPin stored = new ServerPin.Stored(FIRST, Instant.parse("2026-01-01T00:00:00Z"), file);

    assertThat(stored.refusal(SERVER, SECOND)).isEqualTo("The Incus server at 127.0.0.1:8443 presented"
        + " certificate SHA256:" + SECOND.hex() + ", but C U L8er pinned SHA256:" + FIRST.hex()
        + " for it on 2026-01-01T00:00:00Z: it may have been replaced or impersonated; if the change"
        + " is expected, remove " + file + " and re-run with a new trust token");
  }
}
