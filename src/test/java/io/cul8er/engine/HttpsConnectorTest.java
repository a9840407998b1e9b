package io.cul8er.engine;

import static io.cul8er.engine.Fixtures.AT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.https.HttpsRemotes;
import io.cul8er.incus.https.TrustTokenException;
import io.cul8er.model.Connection;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import io.cul8er.model.SecretRef;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the HTTPS connector refuses before any connection. */
class HttpsConnectorTest {
  @TempDir Path config;

  private HttpsConnector connector() {
    return new HttpsConnector(new HttpsRemotes(config, Clock.systemUTC()), new Secrets(Map.<String, String>of()::get));
  }

  private static Host remote(Optional<SecretRef> token) {
    return new Host("remote", "198.51.100.9", "incusos", new Connection.Https(8443, token, AT), AT);
  }

  @Test
  void aFirstContactNeedsTheTokenOfTheHost() {
    assertThatThrownBy(() -> connector().connect(remote(Optional.empty())))
        .isInstanceOf(TrustTokenException.class)
        .hasMessage("Tried to reach host `remote` over HTTPS at 198.51.100.9:8443, but it has no pinned"
            + " certificate and no trust token: create one on the server with `incus config trust add"
            + " cul8er` and give it with `https port: 8443, token: [from: :system, key: \"INCUS_TOKEN\"]`");
  }

  @Test
  void aTokenThatCannotBeReadIsNamedWithItsSource() {
    Host host = remote(Optional.of(new SecretRef.FromEnv("INCUS_TOKEN", AT)));

    assertThatThrownBy(() -> connector().connect(host))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Tried to read secret `token` of host `remote` at " + AT
            + ", but the environment variable INCUS_TOKEN is not set");
  }

  @Test
  void refusesHostsThatAreNotHttps() {
    assertThatThrownBy(() -> connector().connect(Fixtures.localHost("local")))
        .isInstanceOf(Cul8erException.class)
        .hasMessageStartingWith("Tried to reach host `local` over HTTPS, but its connection is LocalSocket[");
  }
}
