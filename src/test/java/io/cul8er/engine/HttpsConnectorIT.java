package io.cul8er.engine;

import static io.cul8er.engine.Fixtures.AT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.incus.IncusClient;
import io.cul8er.incus.http.LocalIncus;
import io.cul8er.incus.https.HttpsRemotes;
import io.cul8er.incus.https.LocalIncusHttps;
import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.model.SecretRef;
import io.cul8er.model.Topology;
import io.cul8er.state.InMemoryStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys to the local Incus as if it were a remote reached over HTTPS with a trust token. */
class HttpsConnectorIT {
  private static LocalIncusHttps incus;

  @TempDir Path config;
  @TempDir Path secrets;

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

  @Test
  void appliesPlansAndDestroysOverHttpsAndNeedsTheTokenOnlyOnce() throws IOException {
    HttpsRemotes remotes = new HttpsRemotes(config, Clock.systemUTC());
    incus.added(remotes.identity().fingerprint());
    String token = incus.issueToken("cul8er-engine-it-" + suffix());
    Path tokenFile = secrets.resolve("incus-token");
    Files.writeString(tokenFile, token + "\n");
    String name = "hx" + suffix();
    InMemoryStateStore store = new InMemoryStateStore(name);

    Topology withToken = topology(name, Optional.of(new SecretRef.FromFile(tokenFile.toString(), AT)));
    try (Engine first = engine(remotes)) {
      assertThat(first.apply(withToken, store, Operation.APPLY, Optional.empty(), plan -> true,
          ApplyListener.ignore(), new Cancellation()).outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    }
    try (IncusClient local = LocalIncus.client()) {
      assertThat(local.findInstance(name + "-web")).as("seen through the local socket").isPresent();
    }

    Topology withoutToken = topology(name, Optional.empty());
    try (Engine later = engine(new HttpsRemotes(config, Clock.systemUTC()))) {
      assertThat(later.plan(withoutToken, store).plan().hasChanges()).isFalse();
      assertThat(later.apply(withoutToken, store, Operation.DESTROY, Optional.empty(), plan -> true,
          ApplyListener.ignore(), new Cancellation()).outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    }
    try (IncusClient local = LocalIncus.client()) {
      assertThat(local.findInstance(name + "-web")).isEmpty();
    }
    assertThat(filesContaining(config, token)).as("the token is never written").isEmpty();
  }

  private static Engine engine(HttpsRemotes remotes) {
    HttpsConnector https = new HttpsConnector(remotes, new Secrets(Map.<String, String>of()::get));
    HostConnector noSsh = host -> {
      throw new AssertionError("no SSH host here");
    };
    return new Engine(new HostConnectors(new LocalConnector(), noSsh, https),
        new Secrets(Map.<String, String>of()::get), Clock.systemUTC(), Engine.Settings.defaults());
  }

  private static Topology topology(String name, Optional<SecretRef> token) {
    Host remote = new Host("remote", "127.0.0.1", "debian",
        new Connection.Https(incus.server().port(), token, AT), AT);
    return Fixtures.topology(name, List.of(remote),
        List.of(Fixtures.container("web", "remote", "cul8er/busybox", 1, 32)));
  }

  private static List<Path> filesContaining(Path directory, String text) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).filter(file -> {
        try {
          return Files.readString(file).contains(text);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).toList();
    }
  }

  private static String suffix() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }
}
