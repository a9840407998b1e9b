package io.cul8er.incus.http;

import io.cul8er.incus.ConnectionLoss;
import io.cul8er.incus.IncusUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.util.Locale;
import java.util.Optional;

/** Explains, in one sentence with what to do, why the Incus socket at a path cannot be used. */
final class SocketDiagnosis {
  private static final int FILE_TYPE_MASK = 0170000;
  private static final int SOCKET_TYPE = 0140000;
  private static final String SETUP = "Run `sudo scripts/setup.sh`";

  private SocketDiagnosis() {}

  /** What is wrong with {@code socket} before even connecting, if anything. */
  static Optional<IncusUnavailableException> before(Path socket) {
    if (!Files.exists(socket)) {
      return Optional.of(new IncusUnavailableException(
          "Incus is not running or not installed: " + socket + " does not exist. " + SETUP,
          ConnectionLoss.SOCKET_MISSING, null));
    }
    if (!isSocket(socket)) {
      return Optional.of(new IncusUnavailableException(
          "Incus is not reachable: " + socket + " is not a Unix socket."
              + " Check the configured socket path (Incus uses /var/lib/incus/unix.socket)"));
    }
    if (!Files.isWritable(socket)) {
      return Optional.of(permissionDenied(socket, null));
    }
    return Optional.empty();
  }

  /** Why talking to Incus through {@code socket} failed with {@code failure}. */
  static IncusUnavailableException after(Path socket, Throwable failure) {
    Optional<IncusUnavailableException> obvious = before(socket);
    if (obvious.isPresent()) {
      return obvious.get();
    }
    String reason = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    if (reason.contains("permission denied") || reason.contains("access denied")) {
      return permissionDenied(socket, failure);
    }
    Optional<ConnectionLoss> loss = ConnectionFailures.loss(failure);
    if (loss.equals(Optional.of(ConnectionLoss.REFUSED))) {
      return new IncusUnavailableException(
          "Incus is not running: nothing listens on " + socket + " (connection refused). " + SETUP,
          ConnectionLoss.REFUSED, failure);
    }
    return new IncusUnavailableException("Could not talk to Incus through " + socket + ": "
        + ConnectionFailures.words(failure), loss.orElse(null), failure);
  }

  private static IncusUnavailableException permissionDenied(Path socket, Throwable cause) {
    return new IncusUnavailableException(permissionDeniedMessage(socket, groupOf(socket)), cause);
  }

  /**
   * What to do about a socket one may not use, given the group that may ({@code incusd --group}):
   * join that group, unless it is root, which nobody should join.
   */
  static String permissionDeniedMessage(Path socket, Optional<String> group) {
    String refused = "Incus refused access: permission denied on " + socket;
    if (group.isEmpty()) {
      return refused + ". Add yourself to the group that owns it or run as root";
    }
    if (group.get().equals("root")) {
      return refused + " (group root: only root may use it). Run as root, or start incusd with"
          + " `--group incus-admin` (as `sudo scripts/setup.sh` does) and add yourself to group incus-admin";
    }
    return refused + " (group " + group.get() + "). Add yourself to group " + group.get()
        + " (`sudo usermod -aG " + group.get() + " $USER`, then log in again) or run as root";
  }

  private static Optional<String> groupOf(Path socket) {
    try {
      return Optional.of(((GroupPrincipal) Files.getAttribute(socket, "posix:group")).getName());
    } catch (IOException | UnsupportedOperationException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private static boolean isSocket(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      return (mode & FILE_TYPE_MASK) == SOCKET_TYPE;
    } catch (IOException | UnsupportedOperationException e) {
      return !Files.isRegularFile(path) && !Files.isDirectory(path);
    }
  }
}
