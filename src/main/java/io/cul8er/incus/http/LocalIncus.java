package io.cul8er.incus.http;

import io.cul8er.incus.IncusClient;
import io.cul8er.incus.IncusSettings;
import io.cul8er.incus.IncusUnavailableException;
import java.nio.file.Path;

/** Clients of the Incus daemon on this machine, through its Unix socket. */
public final class LocalIncus {
  private LocalIncus() {}

  /** A client of the daemon at {@code /var/lib/incus/unix.socket}. */
  public static IncusClient client() {
    return client(UnixSocketTransport.DEFAULT_SOCKET);
  }

  /**
   * A client of the daemon listening on {@code socket}.
   *
   * @throws IncusUnavailableException saying what to do when the socket is missing or not ours
   */
  public static IncusClient client(Path socket) {
    return client(socket, IncusSettings.defaults());
  }

  public static IncusClient client(Path socket, IncusSettings settings) {
    return new IncusClient(UnixSocketTransport.open(socket), settings);
  }
}
