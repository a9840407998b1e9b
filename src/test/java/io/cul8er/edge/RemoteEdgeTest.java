package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote edge that does not answer says whether it is only stopped or not installed, which a
 * deploy cannot fix (only {@code cul8er setup}, as root, installs HAProxy and the service).
 */
class RemoteEdgeTest {
  @TempDir Path dir;

  private RemoteEdge edge(RemoteShell shell) {
    return new RemoteEdge(shell, new RemoteEdge.Layout(dir.resolve("edge").toString(), dir.resolve("run").toString()),
        Duration.ofSeconds(1), Duration.ZERO);
  }

  @Test
  void anEdgeWhoseServiceIsNotInstalledSaysSo() {
    assertThat(Path.of(RemoteEdge.UNIT_FILE)).doesNotExist();
    assertThat(Path.of(RemoteEdge.HAPROXY)).exists();

    assertThat(edge(new LocalRemoteShell()).observe()).isEqualTo(new EdgeObservation(false, Optional.empty(), Set.of(),
        List.of(), Optional.of("the cul8er-edge service is not installed (no /etc/systemd/system/cul8er-edge.service)")));
  }

  @Test
  void anEdgeWithoutHaproxySaysThatFirst() {
    RemoteShell withoutHaproxy = new LocalRemoteShell() {
      @Override
      public Result run(String command, String stdin, Duration timeout) {
        return super.run(command.replace(RemoteEdge.HAPROXY, dir.resolve("no-haproxy").toString()), stdin, timeout);
      }
    };

    assertThat(edge(withoutHaproxy).observe().missing()).contains("HAProxy is not installed (no /usr/sbin/haproxy)");
    assertThat(edge(withoutHaproxy).running()).isFalse();
  }
}
