package io.cul8er.ssh;

import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns what JSch reports into one sentence: what was tried, on which host, why, what to do. */
final class SshFailures {
  static final String ACCEPT_FLAG = "--accept-new-host-key";

  private SshFailures() {}

  static SshException connecting(SshTarget target, Exception failure, Optional<KnownHostsCheck.Seen> seen) {
    String tried = "Tried to connect to " + target.describe() + " over SSH, but ";
    String message = String.valueOf(failure.getMessage());
    if (isUnknownKey(failure, seen)) {
      return new SshException(tried + unknownKey(target, seen), failure);
    }
    if (isChangedKey(failure, seen)) {
      return new SshException(tried + changedKey(target, seen), failure);
    }
    if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
      return new SshException(tried + "the server refused to log " + target.user() + " in with "
          + offered(target) + ". Check that the public key is in ~" + target.user()
          + "/.ssh/authorized_keys on the host (a key with a passphrase needs ssh-agent)", failure);
    }
    Throwable cause = rootCause(failure);
    if (cause instanceof ConnectException) {
      return new SshException(tried + "nothing accepts connections on " + target.address() + " port "
          + target.port() + " (" + cause.getMessage() + "). Is sshd running there?", failure);
    }
    if (cause instanceof SocketTimeoutException || message.contains("timeout")) {
      return new SshException(tried + "it did not answer in time (" + message + ")", failure);
    }
    if (cause instanceof UnknownHostException) {
      return new SshException(tried + "the name " + target.address() + " does not resolve", failure);
    }
    if (cause instanceof NoRouteToHostException) {
      return new SshException(tried + "there is no route to " + target.address(), failure);
    }
    return new SshException(tried + message, failure);
  }

  static String unknownKey(SshTarget target, Optional<KnownHostsCheck.Seen> seen) {
    return "its host key is not in " + target.knownHosts() + ": "
        + seen.map(KnownHostsCheck.Seen::fingerprint).map(Object::toString).orElse("(key not seen)")
        + " — verify it (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the host) and re-run with "
        + ACCEPT_FLAG + " to add it";
  }

  static String changedKey(SshTarget target, Optional<KnownHostsCheck.Seen> seen) {
    String host = seen.map(KnownHostsCheck.Seen::host).orElse(target.knownHostsName());
    return "THE HOST KEY HAS CHANGED: the server sent "
        + seen.map(KnownHostsCheck.Seen::fingerprint).map(Object::toString).orElse("another key")
        + ", which is not the key " + target.knownHosts() + " holds for " + host
        + ". Someone may be intercepting the connection (man-in-the-middle). Refusing to connect;"
        + " " + ACCEPT_FLAG + " never accepts a changed key. If the host was really reinstalled,"
        + " remove the old key with `ssh-keygen -R '" + host + "' -f " + target.knownHosts()
        + "` and verify the new one";
  }

  private static boolean isUnknownKey(Exception failure, Optional<KnownHostsCheck.Seen> seen) {
    return failure instanceof JSchUnknownHostKeyException
        || (seen.map(s -> s.verdict() == HostKeyRepository.NOT_INCLUDED).orElse(false)
            && String.valueOf(failure.getMessage()).contains("HostKey"));
  }

  private static boolean isChangedKey(Exception failure, Optional<KnownHostsCheck.Seen> seen) {
    return failure instanceof JSchChangedHostKeyException
        || (seen.map(s -> s.verdict() == HostKeyRepository.CHANGED).orElse(false)
            && String.valueOf(failure.getMessage()).contains("HostKey"));
  }

  private static String offered(SshTarget target) {
    List<String> offered = target.identities().stream().map(Path::toString).collect(Collectors.toList());
    if (target.useAgent()) {
      offered.add(0, "the keys of ssh-agent");
    }
    return offered.isEmpty() ? "no key (give one with `ssh key: \"~/.ssh/id_ed25519\"`)" : String.join(", ", offered);
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** The last resort when a socket cannot be opened through the session. */
  static SshException socketRefused(SshTarget target, String socket, Exception failure) {
    return new SshException("Tried to open the Unix socket " + socket + " on " + target.describe()
        + " through SSH (direct-streamlocal), but the server refused: " + failure.getMessage()
        + ". Check that the socket exists and " + target.user() + " may use it (is Incus installed and"
        + " running? `cul8er setup`), and that the host's sshd allows it (AllowTcpForwarding and"
        + " AllowStreamLocalForwarding must not be \"no\")", failure);
  }
}
