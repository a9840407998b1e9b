package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who holds a public port, decided from the fragments and a scripted /proc. */
class PortCheckTest {
  private static final Fragment SHOP = new Fragment("shop", List.of(EdgeService.http("web_8080", 8080)));

  @TempDir Path root;

  @Test
  void aPortInAnotherTopologysFragmentIsThatTopologys() {
    ScriptedProc proc = new ScriptedProc(root);

    assertThat(check("blog", List.of(8080, 8081), proc, pid -> false, Map.of()))
        .containsExactly(new PortProblem(8080, "topology shop"));
    assertThat(check("shop", List.of(8080), proc, pid -> false, Map.of())).as("its own port").isEmpty();
  }

  @Test
  void aPortAnotherTopologyAnswersNamesOnIsSharedByNamesThatDoNotOverlapAndItsHolderIsNamedOtherwise() {
    Fragment shop = new Fragment("shop", List.of(EdgeService.http("web_8213", 8213)
        .withTls(new EdgeTls(EdgeTls.SELF_SIGNED, Optional.empty())).withDomains(List.of("shop.example.com", "*.shop.example.com"))));
    ScriptedProc proc = new ScriptedProc(root).listener(8213, 501, false).process(700, 1, 'S', "haproxy -W", 501);
    LongPredicate hostEdge = pid -> pid == 700;

    assertThat(PortCheck.problems("blog", blog("blog.example.com"), List.of(shop), proc.procFs(), hostEdge, Map.of()))
        .as("other names, the host edge's own listener").isEmpty();
    assertThat(PortCheck.problems("blog", blog("a.shop.example.com", "blog.example.com"), List.of(shop), proc.procFs(),
        hostEdge, Map.of())).containsExactly(new PortProblem(8213,
            "topology shop, for *.shop.example.com, which topology blog declares too"));
    assertThat(PortCheck.problems("blog", whole("blog", List.of(8213)), List.of(shop), proc.procFs(), hostEdge, Map.of()))
        .containsExactly(new PortProblem(8213, "topology shop, which shares it by name (shop.example.com,"
            + " *.shop.example.com): declare `domains:` for topology blog's port 8213 too"));
    assertThat(PortCheck.problems("blog", new Fragment("blog", List.of(EdgeService.http("web_8213", 8213)
        .withDomains(List.of("blog.example.com")))).claims(), List.of(shop), proc.procFs(), hostEdge, Map.of()))
        .containsExactly(new PortProblem(8213, "topology shop, which terminates TLS (`:https`) on it while topology"
            + " blog serves plain HTTP"));
    assertThat(PortCheck.problems("blog", blog("blog.example.com"), List.of(SHOP, shop), proc.procFs(), pid -> false,
        Map.of())).as("the port is shared, but another process listens on it")
        .containsExactly(new PortProblem(8213, "process 700 (haproxy -W)"));
  }

  private static List<PortClaim> blog(String... names) {
    return new Fragment("blog", List.of(EdgeService.http("web_8213", 8213)
        .withTls(new EdgeTls(EdgeTls.SELF_SIGNED, Optional.empty())).withDomains(List.of(names)))).claims();
  }

  @Test
  void aPortAnotherProcessListensOnNamesThatProcessAndItsCommand() {
    ScriptedProc proc = new ScriptedProc(root)
        .listener(9000, 501, false)
        .listener(9001, 502, true)
        .process(1234, 1, 'S', "python3 -m http.server 9000", 501)
        .process(77, 1, 'S', "/usr/sbin/sshd -D", 502);

    List<PortProblem> problems = check("blog", List.of(9001, 9000, 9002), proc, pid -> false, Map.of());

    assertThat(problems).containsExactly(
        new PortProblem(9000, "process 1234 (python3 -m http.server 9000)"),
        new PortProblem(9001, "process 77 (/usr/sbin/sshd -D)"));
    assertThat(problems.get(0).message())
        .isEqualTo("public port 9000 is already used by process 1234 (python3 -m http.server 9000)");
  }

  @Test
  void aListenerNoVisibleProcessHoldsIsSaidToBeHidden() {
    ScriptedProc proc = new ScriptedProc(root).listener(9000, 501, false).process(1234, 1, 'S', "bash");

    assertThat(check("blog", List.of(9000), proc, pid -> false, Map.of()))
        .containsExactly(new PortProblem(9000, "a process this user cannot see"));
  }

  @Test
  void theHostEdgesOwnHaproxyAndTheTopologysOwnOldEdgeAreNoProblem() {
    ScriptedProc proc = new ScriptedProc(root)
        .listener(9000, 501, false)
        .listener(9001, 502, false)
        .listener(9002, 503, false)
        .process(400, 1, 'S', "haproxy -W -D -f /run/cul8er/edge/haproxy.cfg")
        .process(401, 400, 'S', "haproxy -W -D -f /run/cul8er/edge/haproxy.cfg", 501)
        .process(500, 1, 'S', "haproxy -f /run/cul8er/edge/blog/haproxy.cfg -D", 502)
        .process(600, 1, 'S', "haproxy -f /run/cul8er/edge/shop/haproxy.cfg -D", 503);
    Map<String, Long> oldEdges = Map.of("blog", 500L, "shop", 600L);

    ProcFs fs = proc.procFs();
    LongPredicate hostEdge = pid -> fs.arguments(pid).contains("/run/cul8er/edge/haproxy.cfg");

    assertThat(PortCheck.problems("blog", whole("blog", List.of(9000, 9001, 9002)), List.of(SHOP), fs, hostEdge, oldEdges))
        .containsExactly(new PortProblem(9002, "topology shop's per-topology edge (process 600)"));
  }

  @Test
  void connectionsThatDoNotListenHoldNoPort() {
    ScriptedProc proc = new ScriptedProc(root).connection(9000, 501).process(1234, 1, 'S', "curl", 501);

    assertThat(check("blog", List.of(9000), proc, pid -> false, Map.of())).isEmpty();
  }

  @Test
  void readsProcessStatesParentsAndCommands() {
    ScriptedProc proc = new ScriptedProc(root)
        .process(10, 1, 'S', "haproxy -W")
        .process(11, 10, 'Z', "haproxy")
        .process(12, 10, 'S', "haproxy -W");
    ProcFs fs = proc.procFs();

    assertThat(fs.stat(11)).contains(new ProcFs.Stat(11, 'Z', 10, "haproxy"));
    assertThat(fs.stat(11).orElseThrow().alive()).isFalse();
    assertThat(fs.stat(99)).isEmpty();
    assertThat(fs.children(10)).containsExactlyInAnyOrder(11L, 12L);
    assertThat(fs.arguments(12)).containsExactly("haproxy", "-W");
    assertThat(fs.command(99)).isEqualTo("?");
    assertThat(new ScriptedProc(root.resolve("long")).process(5, 1, 'S', "java -cp " + "x".repeat(200)).procFs().command(5))
        .hasSize(100).endsWith("xx...");
  }

  private static List<PortProblem> check(
      String topology, List<Integer> ports, ScriptedProc proc, LongPredicate hostEdge, Map<String, Long> oldEdges) {
    return PortCheck.problems(topology, whole(topology, ports), List.of(SHOP), proc.procFs(), hostEdge, oldEdges);
  }

  private static List<PortClaim> whole(String topology, List<Integer> ports) {
    return ports.stream().map(port -> PortClaim.exclusive(topology, port)).toList();
  }
}
