package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.incus.IncusApi;
import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.ssh.LocalSshd;
import io.cul8er.ssh.SshSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose sshd restarts (dropping the session the client talks through) is reached again:
 * the client's next retried request opens a new SSH session through the same tunnel.
 */
class SshReconnectIT {
  private static final String ADDRESS = "127.0.0.5";

  @TempDir Path dir;

  @Test
  void aRequestAfterTheSshSessionDroppedOpensItAgain() throws Exception {
    int port = LocalSshd.freePort();
    Path sshdDir = dir.resolve("sshd");
    LocalSshd sshd = LocalSshd.start(sshdDir, port, ADDRESS);
    try {
      SshSettings settings = SshSettings.fromEnvironment().withConfigFile(dir.resolve("no_ssh_config"))
          .withKnownHosts(sshd.writeKnownHosts(dir.resolve("known_hosts"))).withoutAgent();
      Host host = new Host("web_1", ADDRESS, "debian", new Connection.Ssh(Optional.of(LocalSshd.TEST_USER),
          Optional.of(port), Optional.of(sshd.clientKey(LocalSshd.TEST_USER).toString()), Connection.DEFAULT_SOCKET,
          Fixtures.AT), Fixtures.AT);
      IncusApi incus = new SshConnector(settings).connect(host);
      try {
        incus.server();

        sshd.stop(); // its sessions end with it
        CompletableFuture<LocalSshd> restarted = CompletableFuture.supplyAsync(() -> {
          sleep(1500);
          return LocalSshd.start(sshdDir, port, ADDRESS);
        });

        assertThat(incus.listInstancesWithoutState()).isNotNull();

        sshd = restarted.get(30, TimeUnit.SECONDS);
        assertThat(sshd.sessionsOf(LocalSshd.TEST_USER)).as("sessions opened: before and after the restart")
            .isEqualTo(2);
      } finally {
        ((AutoCloseable) incus).close();
      }
    } finally {
      sshd.stop();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
