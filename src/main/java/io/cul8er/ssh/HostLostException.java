package io.cul8er.ssh;

/**
 * The SSH connection to a host was lost while it was in use (the host stopped answering its
 * keepalives, or closed it), or could not be opened again within the reconnect window: the host
 * is then given up for the run. The message names the host and says why.
 */
public final class HostLostException extends SshException {
  private final String host;

  /** {@code host} as messages name it: {@code web_2 (deploy@10.0.1.21:22)}. */
  public HostLostException(String host, String message, Throwable cause) {
    super(message, cause);
    this.host = host;
  }

  public String host() {
    return host;
  }

  /** The lost host that caused {@code failure}, if one did. */
  public static java.util.Optional<HostLostException> in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof HostLostException lost) {
        return java.util.Optional.of(lost);
      }
    }
    return java.util.Optional.empty();
  }

  /** Whether {@code failure} is, or was caused by, a lost host. */
  public static boolean among(Throwable failure) {
    return in(failure).isPresent();
  }
}
