package io.cul8er.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSH sessions against a real OpenSSH server on loopback: host keys, logins, tunnels, commands. */
class SshSessionIT {
  private static final String ADDRESS = "127.0.0.2";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  static LocalSshd sshd;

  @BeforeAll
  static void startSshd() {
    sshd = LocalSshd.start(dir.resolve("sshd"), ADDRESS);
  }

  @AfterAll
  static void stopSshd() {
    sshd.stop();
  }

  private static SshTarget target(Path knownHosts, boolean acceptNew, Path key) {
    return new SshTarget("web_1", ADDRESS, "root", sshd.port(), List.of(key), false, "", knownHosts, acceptNew);
  }

  private static SshTarget trusted() {
    return target(sshd.writeKnownHosts(dir.resolve("known_hosts")), false, sshd.clientKey());
  }

  @Test
  void tunnelCarriesHttpToTheRemoteIncusSocket() throws IOException {
    try (SshSession session = SshSession.open(trusted(), TIMEOUT);
        UnixSocketTunnel tunnel = session.tunnel("/var/lib/incus/unix.socket")) {
      String first = get(tunnel.localSocket(), "/1.0");
      // The default profile always exists (instances may not, on a machine other tests share).
      String second = get(tunnel.localSocket(), "/1.0/profiles");

      assertThat(first).startsWith("HTTP/1.1 200 OK").contains("\"api_version\":\"1.0\"");
      assertThat(second).startsWith("HTTP/1.1 200 OK").contains("\"/1.0/profiles/default\"");
      assertThat(tunnel.connectionCount()).isEqualTo(2);
      assertThat(Files.getPosixFilePermissions(tunnel.localSocket().getParent()))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
      Path socket = tunnel.localSocket();
      tunnel.close();
      assertThat(socket).doesNotExist();
      assertThat(socket.getParent()).doesNotExist();
    }
  }

  @Test
  void aLocalForwardReachesAPortOfTheHostSideAndStopsWhenClosed() throws IOException {
    try (SshSession session = SshSession.open(trusted(), TIMEOUT);
        java.net.ServerSocket far = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.3"))) {
      Thread answer = new Thread(() -> {
        try (java.net.Socket client = far.accept()) {
          client.getOutputStream().write("hello from the far side\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
          // the assertion below says what was missed
        }
      });
      answer.start();
      int local;
      try (SshSession.LocalForward forward = session.forwardLocal("127.0.0.3", far.getLocalPort());
          java.net.Socket through = new java.net.Socket("127.0.0.1", forward.port())) {
        local = forward.port();
        assertThat(new String(through.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("hello from the far side\n");
      }
      // The far side would greet again: a closed forward must not reach it. (Refused is the usual
      // answer; another process may have taken the freed port number, which is no forward of ours.)
      Thread again = new Thread(() -> {
        try (java.net.Socket client = far.accept()) {
          client.getOutputStream().write("hello from the far side\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
          // closed with the test
        }
      });
      again.setDaemon(true);
      again.start();
      assertThat(throughClosedForward(local)).as("what a connection to the closed forward's port read")
          .doesNotContain("hello from the far side");
    }
  }

  /** What a connection to {@code port} reads within a second; empty when it is refused or silent. */
  private static String throughClosedForward(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(1000);
      return new String(socket.getInputStream().readNBytes(64), StandardCharsets.UTF_8);
    } catch (IOException refusedOrSilent) {
      return "";
    }
  }

  @Test
  void aTcpConnectThroughTheHostTellsAnOpenPortFromAClosedOne() throws IOException {
    try (SshSession session = SshSession.open(trusted(), TIMEOUT);
        java.net.ServerSocket open = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.3"))) {
      int closed = LocalSshd.freePort();

      session.connectTcp("127.0.0.3", open.getLocalPort(), TIMEOUT);
      assertThatThrownBy(() -> session.connectTcp("127.0.0.3", closed, TIMEOUT))
          .isInstanceOf(java.net.ConnectException.class)
          .hasMessageStartingWith("web_1 could not connect to 127.0.0.3:" + closed + " (")
          .hasMessageContaining("connection refused, or nothing there");
    }
  }

  /**
   * HAProxy's CLI answers only once the client has finished sending (a half-close): the tunnel
   * passes the end on and keeps the connection until the answer is back.
   */
  @Test
  void aHalfClosedConnectionGetsItsAnswerThroughTheTunnel() throws Exception {
    Path remote = Files.createTempDirectory(dir, "cli").resolve("master.sock");
    try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(
        java.net.StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(remote));
      Thread cli = new Thread(() -> {
        try (SocketChannel client = server.accept()) {
          String asked = new String(Channels.newInputStream(client).readAllBytes(), StandardCharsets.UTF_8);
          client.write(java.nio.ByteBuffer.wrap(("answer to: " + asked).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException ignored) {
          // the assertion says what was missed
        }
      });
      cli.start();
      try (SshSession session = SshSession.open(trusted(), TIMEOUT);
          UnixSocketTunnel tunnel = session.tunnel(remote.toString());
          SocketChannel local = SocketChannel.open(UnixDomainSocketAddress.of(tunnel.localSocket()))) {
        local.write(java.nio.ByteBuffer.wrap("show proc\n".getBytes(StandardCharsets.UTF_8)));
        local.shutdownOutput();

        assertThat(new String(Channels.newInputStream(local).readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("answer to: show proc\n");
        assertThat(tunnel.localSocket().getFileName().toString()).isEqualTo("master.sock");
      }
    }
  }

  @Test
  void aMissingRemoteSocketIsRefusedNamingTheSocketAndTheHost() throws IOException {
    try (SshSession session = SshSession.open(trusted(), TIMEOUT);
        UnixSocketTunnel tunnel = session.tunnel("/run/no-such.socket")) {
      String reply;
      try {
        reply = get(tunnel.localSocket(), "/1.0");
      } catch (java.net.SocketException reset) {
        reply = "";
      }

      assertThat(reply).as("the local connection is closed without an answer").isEmpty();
      assertThat(tunnel.lastFailure()).get().extracting(Throwable::getMessage).asString()
          .startsWith("Tried to open the Unix socket /run/no-such.socket on web_1 (root@127.0.0.2:" + sshd.port()
              + ") through SSH (direct-streamlocal), but the server refused")
          .contains("AllowStreamLocalForwarding");
    }
  }

  @Test
  void commandsReturnTheirExitCodeAndBothStreams() {
    try (SshSession session = SshSession.open(trusted(), TIMEOUT)) {
      CommandResult result = session.exec("echo out; echo err >&2; exit 3", TIMEOUT);

      assertThat(result).isEqualTo(new CommandResult(3, "out\n", "err\n"));
      assertThat(result.succeeded()).isFalse();
    }
  }

  @Test
  void anUnknownHostKeyIsRefusedWithItsFingerprintAndTheFlagToAcceptIt() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
    String fingerprint = sshd.hostKeyFingerprint().split(" ")[1];

    assertThatThrownBy(() -> SshSession.open(target(empty, false, sshd.clientKey()), TIMEOUT))
        .isInstanceOf(SshException.class)
        .hasMessage("Tried to connect to web_1 (root@127.0.0.2:" + sshd.port() + ") over SSH, but its host key is not in "
            + empty + ": ED25519 " + fingerprint + " — verify it (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the host)"
            + " and re-run with --accept-new-host-key to add it");
    assertThat(Files.readString(empty)).isEmpty();
  }

  @Test
  void acceptingANewHostKeyAppendsItToKnownHostsOnce() throws IOException {
    Path file = Files.writeString(dir.resolve("accept_known_hosts"), "# mine\n[10.9.9.9]:22 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl");
    try (SshSession session = SshSession.open(target(file, true, sshd.clientKey()), TIMEOUT)) {
      assertThat(session.addedHostKey()).isTrue();
      assertThat(session.hostKeyNotice()).hasValue("Warning: Permanently added '[" + ADDRESS + "]:" + sshd.port()
          + "' (ED25519 " + sshd.hostKeyFingerprint().split(" ")[1] + ") to the list of known hosts (" + file + ").");
    }
    try (SshSession again = SshSession.open(target(file, false, sshd.clientKey()), TIMEOUT)) {
      assertThat(again.addedHostKey()).isFalse();
      assertThat(again.hostKeyNotice()).isEmpty();
    }
    assertThat(Files.readAllLines(file)).containsExactly(
        "# mine",
        "[10.9.9.9]:22 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
        sshd.trustedKnownHosts().trim());
  }

  @Test
  void aKeyTheServerDoesNotAuthoriseIsRefusedNamingTheUserAndTheKey() {
    Path stranger = dir.resolve("stranger");
    LocalSshd.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString()));

    assertThatThrownBy(() -> SshSession.open(target(dir.resolve("known_hosts"), false, stranger), TIMEOUT))
        .isInstanceOf(SshException.class)
        .hasMessageStartingWith("Tried to connect to web_1 (root@127.0.0.2:" + sshd.port()
            + ") over SSH, but the server refused to log root in with " + stranger
            + ". Check that the public key is in ~root/.ssh/authorized_keys on the host");
  }

  @Test
  void aMissingKeyFileIsNamed() {
    Path missing = dir.resolve("no_such_key");

    assertThatThrownBy(() -> SshSession.open(target(dir.resolve("known_hosts"), false, missing), TIMEOUT))
        .hasMessage("Tried to connect to web_1 (root@127.0.0.2:" + sshd.port() + ") over SSH with the key " + missing
            + ", but that file does not exist or cannot be read");
  }

  @Test
  void aPortNobodyListensOnIsReportedAsSuch() {
    int port = LocalSshd.freePort();
    SshTarget nowhere = new SshTarget("web_9", ADDRESS, "root", port, List.of(sshd.clientKey()), false, "",
        dir.resolve("known_hosts"), false);

    assertThatThrownBy(() -> SshSession.open(nowhere, TIMEOUT))
        .hasMessageStartingWith("Tried to connect to web_9 (root@127.0.0.2:" + port
            + ") over SSH, but nothing accepts connections on 127.0.0.2 port " + port)
        .hasMessageEndingWith("Is sshd running there?");
  }

  @Test
  void aChangedHostKeyIsRefusedLoudlyEvenWhenNewKeysAreAccepted() throws IOException {
    Path file = Files.writeString(dir.resolve("changed_known_hosts"), "");
    int port = LocalSshd.freePort();
    try (LocalSshd first = LocalSshd.start(dir.resolve("first"), port, "127.0.0.4")) {
      SshTarget target = new SshTarget("db", "127.0.0.4", "root", port, List.of(first.clientKey()), false, "", file, true);
      SshSession.open(target, TIMEOUT).close();
    }
    try (LocalSshd impostor = LocalSshd.start(dir.resolve("impostor"), port, "127.0.0.4")) {
      SshTarget target = new SshTarget("db", "127.0.0.4", "root", port, List.of(impostor.clientKey()), false, "", file, true);
      String fingerprint = impostor.hostKeyFingerprint().split(" ")[1];

      assertThatThrownBy(() -> SshSession.open(target, TIMEOUT))
          .isInstanceOf(SshException.class)
          .hasMessage("Tried to connect to db (root@127.0.0.4:" + port + ") over SSH, but THE HOST KEY HAS CHANGED:"
              + " the server sent ED25519 " + fingerprint + ", which is not the key " + file + " holds for [127.0.0.4]:" + port
              + ". Someone may be intercepting the connection (man-in-the-middle). Refusing to connect;"
              + " --accept-new-host-key never accepts a changed key. If the host was really reinstalled, remove the old key"
              + " with `ssh-keygen -R '[127.0.0.4]:" + port + "' -f " + file + "` and verify the new one");
    }
    assertThat(Files.readAllLines(file)).hasSize(1);
  }

  private static String get(Path socket, String path) throws IOException {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      String request = "GET " + path + " HTTP/1.1\r\nHost: incus\r\nConnection: close\r\n\r\n";
      Channels.newOutputStream(channel).write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = Channels.newInputStream(channel);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
