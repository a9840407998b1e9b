package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.IncusSettings;
import io.cul8er.incus.https.HttpsRemotes;
import io.cul8er.incus.https.Server;
import io.cul8er.incus.https.TokenSource;
import io.cul8er.model.Connection;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import java.time.Clock;

/**
 * Reaches a host's Incus HTTPS API. The trust token is read from its secret only at first contact
 * (or when the server no longer trusts this client), never stored and never logged.
 */
public final class HttpsConnector implements HostConnector {
  private final HttpsRemotes remotes;
  private final Secrets secrets;
  private final IncusSettings incus;

  public HttpsConnector(HttpsRemotes remotes, Secrets secrets, IncusSettings incus) {
    this.remotes = remotes;
    this.secrets = secrets;
    this.incus = incus;
  }

  public HttpsConnector(HttpsRemotes remotes, Secrets secrets) {
    this(remotes, secrets, IncusSettings.defaults());
  }

  /** Client identity and pins in {@code ~/.config/cul8er}, tokens from this process. */
  public HttpsConnector(IncusSettings incus) {
    this(new HttpsRemotes(HttpsRemotes.defaultDirectory(System::getenv), Clock.systemUTC()),
        Secrets.fromProcess(), incus);
  }

  public HttpsConnector() {
    this(IncusSettings.defaults());
  }

  @Override
  public IncusApi connect(Host host) {
    if (!(host.connection() instanceof Connection.Https https)) {
      throw new Cul8erException("Tried to reach host `" + host.name() + "` over HTTPS, but its connection is "
          + host.connection());
    }
    String who = "host `" + host.name() + "`";
    TokenSource tokens = () -> https.trustToken().map(secret -> secrets.value(who, "token", secret));
    return remotes.connect(who, new Server(host.address(), https.port()), tokens, incus);
  }
}
