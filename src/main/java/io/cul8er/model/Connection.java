package io.cul8er.model;

import java.util.Optional;

/** How the Incus API of a host is reached. */
public sealed interface Connection extends Positioned {

  String DEFAULT_SOCKET = "/var/lib/incus/unix.socket";

  /** The Incus Unix socket on this machine. */
  record LocalSocket(String socketPath, SourcePos pos) implements Connection {}

  /**
   * SSH to the host, then the remote Incus socket through {@code direct-streamlocal@openssh.com}.
   * Empty optionals fall back to ~/.ssh/config, then to the SSH defaults.
   */
  record Ssh(
      Optional<String> user,
      Optional<Integer> port,
      Optional<String> keyFile,
      String remoteSocket,
      SourcePos pos)
      implements Connection {}

  /** The Incus HTTPS API, trusted through a one-time token whose fingerprint pins the server. */
  record Https(int port, Optional<SecretRef> trustToken, SourcePos pos) implements Connection {}
}
