package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host edge's decisions that need no HAProxy: ports, fragments, old edges, its directory. */
class HostEdgeTest {
  @TempDir Path dir;
  @TempDir Path procRoot;

  private HostEdge edge(ScriptedProc proc) {
    return new HostEdge(dir, Path.of("/nonexistent/haproxy"), Duration.ZERO, Duration.ofSeconds(5), proc.procFs());
  }

  @Test
  void aTopologyAskingForAnotherTopologysPortIsRefusedBeforeAnythingIsWritten() {
    new FragmentStore(dir).write(new Fragment("shop", List.of(EdgeService.http("web_8080", 8080))));
    HostEdge edge = edge(new ScriptedProc(procRoot));

    assertThat(edge.portProblems("blog", List.of(8080, 8081))).containsExactly(new PortProblem(8080, "topology shop"));
    assertThatThrownBy(() -> edge.apply("blog", List.of(EdgeService.http("web_8080", 8080))))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Cannot serve topology blog on this host's edge (" + dir + "): public port 8080 is already used by"
            + " topology shop");
    assertThat(edge.fragment("blog")).isEmpty();
    assertThat(dir.resolve("haproxy.cfg")).doesNotExist();
  }

  @Test
  void aPortAProcessListensOnIsRefusedNamingTheProcess() {
    HostEdge edge = edge(new ScriptedProc(procRoot).listener(9000, 11, false).process(321, 1, 'S', "nc -l -p 9000", 11));

    assertThatThrownBy(() -> edge.apply("blog", List.of(EdgeService.http("web_9000", 9000))))
        .hasMessage("Cannot serve topology blog on this host's edge (" + dir + "): public port 9000 is already used by"
            + " process 321 (nc -l -p 9000)");
    assertThat(edge.fragments()).isEmpty();
  }

  @Test
  void whenHaproxyIsDownEveryTopologysPortsAreCheckedBeforeItStarts() {
    new FragmentStore(dir).write(new Fragment("shop", List.of(EdgeService.http("web_9000", 9000))));
    HostEdge edge = edge(new ScriptedProc(procRoot).listener(9000, 11, false).process(321, 1, 'S', "nc -l -p 9000", 11));

    assertThatThrownBy(() -> edge.apply("blog", List.of(EdgeService.http("web_80", 9001))))
        .hasMessage("Cannot serve topology blog on this host's edge (" + dir + "): public port 9000 is already used by"
            + " process 321 (nc -l -p 9000) (wanted by topology shop)");
  }

  @Test
  void removingATopologyDeletesItsFragmentAndItsOldPerTopologyDirectory() throws IOException {
    new FragmentStore(dir).write(new Fragment("shop", List.of(EdgeService.http("web_8080", 8080))));
    Files.createDirectories(dir.resolve("shop"));
    Files.writeString(dir.resolve("shop/haproxy.cfg"), "global\n");
    Files.writeString(dir.resolve("shop/haproxy.pid"), "999999999\n");
    Files.createDirectories(dir.resolve("blog"));
    HostEdge edge = edge(new ScriptedProc(procRoot));

    edge.remove("shop");

    assertThat(dir.resolve("shop")).doesNotExist();
    assertThat(dir.resolve("blog")).as("another topology's old directory").exists();
    assertThat(dir.resolve("topologies.d")).doesNotExist();
    assertThat(edge.fragments()).isEmpty();
    assertThat(edge.observe()).isEqualTo(EdgeObservation.stopped());
  }

  @Test
  void refusesTopologyNamesItCannotUse() {
    HostEdge edge = edge(new ScriptedProc(procRoot));

    assertThatThrownBy(() -> edge.remove("../etc")).hasMessageStartingWith("topology name '../etc' is not usable");
    assertThatThrownBy(() -> edge.portProblems("a__b", List.of(80))).hasMessageStartingWith("topology name 'a__b'");
  }

  @Test
  void livesWhereTheVariableSaysElseInRunForRootElseUnderTheTemporaryDirectory() {
    assertThat(HostEdge.directory("/srv/edge")).isEqualTo(Path.of("/srv/edge"));
    Path fallback = HostEdge.directory(null);
    assertThat(HostEdge.directory("  ")).isEqualTo(fallback);
    assertThat(fallback).isEqualTo("root".equals(System.getProperty("user.name"))
        ? Path.of("/run/cul8er/edge")
        : Path.of(System.getProperty("java.io.tmpdir"), "cul8er-edge-" + System.getProperty("user.name")));
  }
}
