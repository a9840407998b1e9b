package io.cul8er.incus.https;

import io.cul8er.incus.IncusClient;
import io.cul8er.incus.IncusException;
import io.cul8er.incus.IncusSettings;
import io.cul8er.model.Cul8erException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Connects to Incus servers over HTTPS. The first contact trusts a server through a trust token:
 * the server's certificate is pinned from the token's fingerprint, the token is presented over that
 * pinned connection so the server trusts this client's certificate, and the pin is stored. Later
 * contacts need no token and refuse any other server certificate.
 */
public final class HttpsRemotes {
  private static final String TRUSTED = "trusted";
  private static final String NEW_TOKEN = "create one on the server with `incus config trust add cul8er`";

  private final Path directory;
  private final Clock clock;
  private final ServerPins pins;
  private ClientIdentity identity;

  /** Keeps the client identity in {@code directory} and the pins in its {@code servers/}. */
  public HttpsRemotes(Path directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
    this.pins = new ServerPins(directory.resolve("servers"));
  }

  /** {@code $XDG_CONFIG_HOME/cul8er}, or {@code ~/.config/cul8er}. */
  public static Path defaultDirectory(Function<String, String> environment) {
    String xdg = environment.apply("XDG_CONFIG_HOME");
    Path base = xdg == null || xdg.isBlank()
        ? Path.of(System.getProperty("user.home"), ".config") : Path.of(xdg);
    return base.resolve("cul8er");
  }

  public ServerPins pins() {
    return pins;
  }

  /** This machine's client identity, made on first use. */
  public synchronized ClientIdentity identity() {
    if (identity == null) {
      identity = ClientIdentity.loadOrCreate(directory, clock);
    }
    return identity;
  }

  /**
   * A client of {@code server} that the server trusts, its certificate checked against the pin.
   *
   * @param who the host, for messages: {@code host `remote`}
   * @throws TrustTokenException when a token is needed and missing, malformed, expired or refused
   * @throws UntrustedServerException when the server presents another certificate than the pin
   */
  public IncusClient connect(String who, Server server, TokenSource tokens, IncusSettings settings) {
    Optional<ServerPin.Stored> stored = pins.find(server);
    if (stored.isPresent()) {
      ServerPin pin = stored.get();
      return openTrusted(server, pin, settings, () -> renewalToken(who, server, tokens, pin), who);
    }
    TrustToken token = firstToken(who, server, tokens);
    ServerPin pin = new ServerPin.FromToken(token.serverFingerprint());
    IncusClient client = openTrusted(server, pin, settings, () -> token, who);
    try {
      pins.pin(server, pin.fingerprint(), clock.instant());
      return client;
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private IncusClient openTrusted(
      Server server, ServerPin pin, IncusSettings settings, Supplier<TrustToken> token, String who) {
    IncusClient client = new IncusClient(HttpsTransport.open(server, pin, identity()), settings);
    try {
      if (!isTrusted(client)) {
        enroll(who, server, client, token.get());
      }
      return client;
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private TrustToken firstToken(String who, Server server, TokenSource tokens) {
    String text = tokens.read().orElseThrow(() -> new TrustTokenException(
        "Tried to reach " + who + " over HTTPS at " + server + ", but it has no pinned certificate and"
            + " no trust token: " + NEW_TOKEN + " and give it with"
            + " `https port: " + server.port() + ", token: [from: :system, key: \"INCUS_TOKEN\"]`"));
    return parse(who, server, text);
  }

  private TrustToken renewalToken(String who, Server server, TokenSource tokens, ServerPin pin) {
    String text = tokens.read().orElseThrow(() -> new TrustTokenException(
        "The Incus server at " + server + " (" + who + ") no longer trusts this client's certificate "
            + identity().fingerprint() + ": " + NEW_TOKEN + " and give it with `token:`"));
    TrustToken token = parse(who, server, text);
    if (!token.serverFingerprint().equals(pin.fingerprint())) {
      throw new TrustTokenException("The trust token for " + who + " names server certificate "
          + token.serverFingerprint() + ", but the server at " + server + " is pinned to "
          + pin.fingerprint() + ": the token was issued by another server; " + NEW_TOKEN);
    }
    return token;
  }

  private TrustToken parse(String who, Server server, String text) {
    TrustToken token;
    try {
      token = TrustToken.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TrustTokenException("The trust token for " + who + " (" + server
          + ") is not an Incus trust token: " + e.getMessage() + "; " + NEW_TOKEN);
    }
    if (token.isExpiredAt(clock.instant())) {
      throw new TrustTokenException("The trust token for " + who + " (" + server + ") expired at "
          + token.expiresAt().orElseThrow() + "; " + NEW_TOKEN);
    }
    return token;
  }

  private void enroll(String who, Server server, IncusClient client, TrustToken token) {
    try {
      client.call(new AddCertificate(token));
    } catch (IncusException e) {
      if (e.errorCode() == 0) {
        throw e;
      }
      if (isTrusted(client)) {
        return; // a concurrent first contact with the same token won the race
      }
      throw new TrustTokenException("The Incus server at " + server + " (" + who
          + ") refused the trust token: Incus said " + e.errorCode() + ": " + e.incusMessage()
          + ". A token works once and may expire; " + NEW_TOKEN);
    }
    if (!isTrusted(client)) {
      throw new Cul8erException("The Incus server at " + server + " (" + who + ") accepted the trust"
          + " token but still does not trust this client's certificate " + identity().fingerprint());
    }
  }

  private static boolean isTrusted(IncusClient client) {
    return TRUSTED.equals(client.server().auth());
  }
}
