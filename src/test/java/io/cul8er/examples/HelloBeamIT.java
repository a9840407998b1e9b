package io.cul8er.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.cluster.ClusterEnvironment;
import io.cul8er.cluster.Member;
import io.cul8er.cluster.Membership;
import io.cul8er.cluster.MembershipProbes;
import io.cul8er.cluster.ProbeSpec;
import io.cul8er.model.Cluster;
import io.cul8er.model.Discovery;
import io.cul8er.model.Release;
import io.cul8er.model.Runtime;
import io.cul8er.model.SourcePos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hello_beam releases on loopback, given the environment {@link ClusterEnvironment} writes,
 * connect to each other as libcluster's Epmd strategy would; the default membership probe ({@code
 * bin/hello_beam rpc ...}) sees it. A member killed is dropped and rejoins when restarted.
 *
 * <p>Loopback adaptation: one epmd serves all three nodes, and epmd knows a node by the part of
 * its name before the {@code @}, so the members are named {@code hello_beam_1@127.0.0.1} etc.
 * ({@code RELEASE_NODE} and {@code CUL8ER_CLUSTER_PEERS} are rewritten accordingly; every other
 * variable is as written for the instances). The test runs its own epmd on a free port
 * ({@code ERL_EPMD_PORT}) and stops it at the end, so it leaves no epmd behind.
 */
class HelloBeamIT {
  private static final String VERSION = "1.0.0";
  private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
  private static final List<Member> MEMBERS = List.of(
      new Member("hello_beam_1", "127.0.0.1"), new Member("hello_beam_2", "127.0.0.1"),
      new Member("hello_beam_3", "127.0.0.1"));

  @TempDir Path work;

  @Test
  void threeNodesConnectLoseOneAndTakeItBack() throws Exception {
    Cluster cluster = new Cluster("beam", List.of("node"), Discovery.EPMD, Optional.empty(), Optional.empty(),
        Duration.ofSeconds(60), SourcePos.NONE);
    Release release = new Release("hello_beam", VERSION, Runtime.BEAM, Optional.empty(), Optional.empty(),
        SourcePos.NONE);
    ProbeSpec.Exec probe = (ProbeSpec.Exec) MembershipProbes.of(cluster, release);
    Path tarball = ClusterExamples.tarball("hello-beam", "hello_beam", VERSION);
    int epmdPort = ClusterExamples.freePortOnAll("127.0.0.1");
    Map<Member, Path> releases = new LinkedHashMap<>();
    Map<Member, Path> envFiles = new LinkedHashMap<>();
    Map<Member, Integer> httpPorts = new LinkedHashMap<>();
    for (Member member : MEMBERS) {
      int port;
      do {
        port = ClusterExamples.freePortOnAll(member.address());
      } while (httpPorts.containsValue(port) || port == epmdPort);
      httpPorts.put(member, port);
      releases.put(member, ClusterExamples.unpack(tarball, "hello_beam-" + VERSION, work.resolve(member.instance())));
      envFiles.put(member, ClusterExamples.writeEnvFile(work.resolve(member.instance() + ".env"),
          loopbackEnvironment(cluster, release, member)));
    }

    Process epmd = new ProcessBuilder("epmd", "-port", Integer.toString(epmdPort))
        .redirectErrorStream(true).redirectOutput(work.resolve("epmd.log").toFile()).start();
    try (LocalCluster nodes = new LocalCluster(
        member -> command(List.of(releases.get(member).resolve("bin/hello_beam").toString(), "start"),
            member, releases.get(member), envFiles.get(member), epmdPort, httpPorts.get(member)),
        member -> probe(probe, member, releases.get(member), envFiles.get(member), epmdPort),
        HelloBeamIT::nodeName, work)) {
      awaitListening(epmdPort);
      for (Member member : MEMBERS) {
        nodes.start(member);
      }
      Duration formed = nodes.awaitFormation(MEMBERS, FORMATION_TIMEOUT);
      System.out.printf("hello_beam: 3 nodes formed %d ms after the last start%n", formed.toMillis());

      nodes.kill(MEMBERS.get(2));
      Duration dropped = nodes.awaitFormation(MEMBERS.subList(0, 2), FORMATION_TIMEOUT);
      System.out.printf("hello_beam: killed node dropped in %d ms%n", dropped.toMillis());

      nodes.start(MEMBERS.get(2));
      Duration rejoined = nodes.awaitFormation(MEMBERS, FORMATION_TIMEOUT);
      System.out.printf("hello_beam: restarted node rejoined in %d ms%n", rejoined.toMillis());
      String self = "http://" + MEMBERS.get(2).address() + ":" + httpPorts.get(MEMBERS.get(2));
      assertThat(Http.get(self + "/health")).isEqualTo(new Http.Reply(200, "ok\n"));
      assertThat(Http.get(self + "/version")).isEqualTo(new Http.Reply(200, VERSION));
      assertThat(Http.get(self + "/cluster").body())
          .startsWith("{\"self\":\"hello_beam_3@127.0.0.1\",\"members\":[\"hello_beam_3@127.0.0.1\",");
      assertThat(Membership.parse(Http.get(self + "/cluster").body()))
          .isEqualTo(Set.copyOf(MEMBERS.stream().map(HelloBeamIT::nodeName).toList()));
      assertThat(Files.readString(nodes.log(MEMBERS.get(0)), StandardCharsets.UTF_8))
          // The first connection to node 3 may come before node 1 monitors nodes (node 3 connects
          // to it first); what matters is that node 3 came back up after it went down.
          .containsPattern("nodedown hello_beam_3@127\\.0\\.0\\.1[^\\n]*\\n(.|\\n)*nodeup hello_beam_3@127\\.0\\.0\\.1");
    } finally {
      epmd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String nodeName(Member member) {
    return member.instance() + "@" + member.address();
  }

  /** The environment written for the instances, with node names made distinct on one host. */
  private static Map<String, String> loopbackEnvironment(Cluster cluster, Release release, Member member) {
    Map<String, String> env = new LinkedHashMap<>(
        ClusterEnvironment.forMember(cluster, release, member, MEMBERS, Optional.of("it-cookie")));
    assertThat(env).containsEntry("RELEASE_NODE", "hello_beam@127.0.0.1");
    env.put("RELEASE_NODE", nodeName(member));
    env.put("CUL8ER_CLUSTER_PEERS", MEMBERS.stream().map(HelloBeamIT::nodeName).collect(Collectors.joining(",")));
    return env;
  }

  private static ProcessBuilder command(
      List<String> argv, Member member, Path release, Path envFile, int epmdPort, int httpPort) {
    ProcessBuilder builder = new ProcessBuilder(argv).directory(release.toFile());
    builder.environment().put("CUL8ER_ENV_FILE", envFile.toString());
    builder.environment().put("ERL_EPMD_PORT", Integer.toString(epmdPort));
    builder.environment().put("PORT", Integer.toString(httpPort));
    builder.environment().put("BIND", member.address());
    return builder;
  }

  /** Runs the probe as the engine does: in the release's directory, with the member's env file. */
  private static Optional<Set<String>> probe(ProbeSpec.Exec probe, Member member, Path release, Path envFile,
      int epmdPort) {
    try {
      Path output = Files.createTempFile(release.getParent(), "probe-", ".out");
      try {
        Process process = command(probe.argv(), member, release, envFile, epmdPort, 0)
            .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          return Optional.empty();
        }
        return process.exitValue() == 0
            ? Optional.of(Membership.parse(Files.readString(output, StandardCharsets.UTF_8)))
            : Optional.empty();
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    throw new AssertionError("epmd did not listen on port " + port + " within 10 s");
  }
}
