package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import io.cul8er.incus.IncusClient;
import io.cul8er.incus.TestInstances;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.StateChange;
import io.cul8er.incus.http.LocalIncus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cul8er events --follow} merges the live Incus's lifecycle events of the topology's instances. */
class IncusEventsIT {
  private final String topology = "obs" + UUID.randomUUID().toString().substring(0, 6);
  private final String instance = topology + "-web";

  @TempDir Path dir;
  private IncusClient incus;

  @BeforeEach
  void connect() {
    LiveComponents.requireIncus();
    incus = LocalIncus.client();
  }

  @AfterEach
  void deleteInstance() {
    if (incus == null) {
      return;
    }
    try {
      TestInstances.deleteIfPresent(incus, instance);
    } finally {
      incus.close();
    }
  }

  @Test
  void lifecycleEventsOfTheTopologysInstancesAreFollowed() throws Exception {
    Path file = dir.resolve("obs.cul8");
    Files.writeString(file, """
        topology :%s do
          host :local do
            address "localhost"
            platform :debian
          end
          resource :web, type: :container, on: :local do
            from_image "cul8er/busybox"
          end
        end
        """.formatted(topology));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EventsCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    Thread follower = new Thread(() -> cli.execute(topology, "--follow", "--json", "-f", file.toString()));
    follower.start();
    Thread.sleep(1000); // let `incus monitor` connect before the instance starts

    incus.createInstance(InstancesPost.container(instance, InstanceSource.alias("cul8er/busybox")).started());
    incus.createInstance(InstancesPost.container(topology + "-other", InstanceSource.alias("cul8er/busybox")));
    incus.deleteInstance(topology + "-other");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!out.toString().contains("instance-started") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    follower.interrupt();
    follower.join(5000);

    assertThat(follower.isAlive()).isFalse();
    assertThat(out.toString()).as(err.toString())
        .contains("\"type\":\"incus_lifecycle\"")
        .contains("\"topology\":\"" + topology + "\",\"action\":\"instance-created\",\"source\":\"/1.0/instances/" + instance + "\"")
        .contains("\"action\":\"instance-started\",\"source\":\"/1.0/instances/" + instance + "\"")
        .doesNotContain(topology + "-other");
  }
}
