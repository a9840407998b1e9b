package io.cul8er.incus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advice for a socket one may not use names the group that may use it. */
class SocketDiagnosisTest {
  private static final Path SOCKET = Path.of("/var/lib/incus/unix.socket");

  @TempDir Path dir;

  @Test
  void aSocketOfGroupIncusAdminSaysToJoinIt() {
    assertThat(SocketDiagnosis.permissionDeniedMessage(SOCKET, Optional.of("incus-admin")))
        .isEqualTo("Incus refused access: permission denied on /var/lib/incus/unix.socket (group incus-admin)."
            + " Add yourself to group incus-admin (`sudo usermod -aG incus-admin $USER`, then log in again)"
            + " or run as root");
  }

  @Test
  void aSocketOfGroupRootSaysToRunAsRootOrStartIncusdWithGroupIncusAdmin() {
    assertThat(SocketDiagnosis.permissionDeniedMessage(SOCKET, Optional.of("root")))
        .isEqualTo("Incus refused access: permission denied on /var/lib/incus/unix.socket"
            + " (group root: only root may use it). Run as root, or start incusd with `--group incus-admin`"
            + " (as `sudo scripts/setup.sh` does) and add yourself to group incus-admin");
  }

  @Test
  void aSocketWhoseGroupCannotBeReadNamesNoGroup() {
    assertThat(SocketDiagnosis.permissionDeniedMessage(SOCKET, Optional.empty()))
        .isEqualTo("Incus refused access: permission denied on /var/lib/incus/unix.socket."
            + " Add yourself to the group that owns it or run as root");
  }

  /**
   * Tests run as root, whom file modes do not stop; so the refusal the kernel gives an ordinary
   * user is handed to the diagnosis directly, for a socket given to group {@code daemon}.
   */
  @Test
  void permissionDeniedNamesTheGroupOfTheSocketItself() throws IOException {
    Path socket = dir.resolve("abandoned.socket");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
    }
    GroupPrincipal daemon = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("daemon");
    try {
      Files.setAttribute(socket, "posix:group", daemon);
    } catch (IOException notAllowed) {
      assumeThat(notAllowed).as("this test needs to give a file to group daemon").isNull();
    }

    assertThat(SocketDiagnosis.after(socket, new SocketException("Permission denied")))
        .hasMessage("Incus refused access: permission denied on " + socket + " (group daemon)."
            + " Add yourself to group daemon (`sudo usermod -aG daemon $USER`, then log in again) or run as root");
  }
}
