package io.cul8er.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import io.cul8er.cluster.ClusterEnvironment;
import io.cul8er.cluster.ClusterPorts;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hello-cluster members on 127.0.0.1, .2 and .3 (one loopback address each, as one bridge
 * address each in Incus), given the environment {@link ClusterEnvironment} writes, form a JGroups
 * cluster; a member killed is dropped from the others' view, and rejoins when restarted.
 */
class HelloClusterIT {
  private static final String VERSION = "1.0.0";
  private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(20);
  private static final List<Member> MEMBERS = List.of(
      new Member("app-1", "127.0.0.1"), new Member("app-2", "127.0.0.2"), new Member("app-3", "127.0.0.3"));
  private static final String[] ADDRESSES = MEMBERS.stream().map(Member::address).toArray(String[]::new);

  @TempDir Path work;

  @Test
  void threeMembersFormLoseOneAndTakeItBack() throws Exception {
    LiveComponents.require("JGroups' ports 7800 and 7900 free on 127.0.0.1-3",
        ClusterExamples.freeOnAll(ClusterPorts.JGROUPS, ADDRESSES)
            && ClusterExamples.freeOnAll(ClusterPorts.JGROUPS + 100, ADDRESSES));
    int httpPort = ClusterExamples.freePortOnAll(ADDRESSES);
    Cluster cluster = new Cluster("hello", List.of("app"), Discovery.JGROUPS_TCPPING, Optional.empty(),
        Optional.of(new Cluster.MembershipProbe.Endpoint("http://localhost:" + httpPort + "/cluster")),
        Duration.ofSeconds(60), SourcePos.NONE);
    Release release = new Release("hello-cluster", VERSION, Runtime.JVM, Optional.empty(), Optional.empty(),
        SourcePos.NONE);
    Path tarball = ClusterExamples.tarball("hello-cluster", "hello-cluster", VERSION);
    Path releaseDir = ClusterExamples.unpack(tarball, "hello-cluster-" + VERSION, work);
    ProbeSpec.Http probe = (ProbeSpec.Http) MembershipProbes.of(cluster, release);

    try (LocalCluster nodes = new LocalCluster(
        member -> launch(cluster, release, member, releaseDir, httpPort, "it-secret", MEMBERS),
        member -> Http.tryGet(probe.urlFor(member).toString())
            .filter(reply -> reply.status() == 200)
            .map(reply -> Membership.parse(reply.body())),
        member -> Membership.nameOf(release, member), work)) {
      for (Member member : MEMBERS) {
        nodes.start(member);
      }
      Duration formed = nodes.awaitFormation(MEMBERS, FORMATION_TIMEOUT);
      System.out.printf("hello-cluster: 3 members formed %d ms after the last start%n", formed.toMillis());

      nodes.kill(MEMBERS.get(2));
      Duration dropped = nodes.awaitFormation(MEMBERS.subList(0, 2), FORMATION_TIMEOUT);
      System.out.printf("hello-cluster: killed member dropped from the view in %d ms%n", dropped.toMillis());
      assertThat(Membership.parse(Http.get(probe.urlFor(MEMBERS.get(0)).toString()).body()))
          .containsExactlyInAnyOrder("app-1", "app-2");

      nodes.start(MEMBERS.get(2));
      Duration rejoined = nodes.awaitFormation(MEMBERS, FORMATION_TIMEOUT);
      System.out.printf("hello-cluster: restarted member rejoined in %d ms%n", rejoined.toMillis());
      assertThat(Http.get(probe.urlFor(MEMBERS.get(2)).toString()).body())
          .startsWith("{\"self\":\"app-3\",\"members\":[");
    }
  }

  @Test
  void aMemberWithAnotherSecretIsRefused() throws Exception {
    LiveComponents.require("JGroups' ports 7800 and 7900 free on 127.0.0.1-2",
        ClusterExamples.freeOnAll(ClusterPorts.JGROUPS, ADDRESSES[0], ADDRESSES[1])
            && ClusterExamples.freeOnAll(ClusterPorts.JGROUPS + 100, ADDRESSES[0], ADDRESSES[1]));
    int httpPort = ClusterExamples.freePortOnAll(ADDRESSES);
    Cluster cluster = new Cluster("hello", List.of("app"), Discovery.JGROUPS_TCPPING, Optional.empty(),
        Optional.empty(), Duration.ofSeconds(60), SourcePos.NONE);
    Release release = new Release("hello-cluster", VERSION, Runtime.JVM, Optional.empty(), Optional.empty(),
        SourcePos.NONE);
    Path releaseDir = ClusterExamples.unpack(
        ClusterExamples.tarball("hello-cluster", "hello-cluster", VERSION), "hello-cluster-" + VERSION, work);
    List<Member> two = MEMBERS.subList(0, 2);
    try (LocalCluster nodes = new LocalCluster(
        member -> launch(cluster, release, member, releaseDir, httpPort,
            member.equals(two.get(0)) ? "right" : "wrong", two),
        member -> Optional.empty(), Member::instance, work)) {
      nodes.start(two.get(0));
      Http.awaitAnswer("http://127.0.0.1:" + httpPort + "/health", FORMATION_TIMEOUT, () -> { });
      nodes.start(two.get(1));
      Process refused = nodes.process(two.get(1));
      assertThat(refused.waitFor(REFUSAL_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS))
          .as("app-2 exited; its log:\n%s", Files.readString(nodes.log(two.get(1)))).isTrue();
      assertThat(refused.exitValue()).isEqualTo(1);
      assertThat(Files.readString(nodes.log(two.get(1))))
          .contains("cannot join cluster hello as app-2: authentication failed "
              + "(is CUL8ER_CLUSTER_SECRET the same on every member?)");
      assertThat(Membership.parse(Http.get("http://127.0.0.1:" + httpPort + "/cluster").body()))
          .isEqualTo(Set.of("app-1"));
    }
  }

  private ProcessBuilder launch(Cluster cluster, Release release, Member member, Path releaseDir, int httpPort,
      String secret, List<Member> members) {
    try {
      Path envFile = ClusterExamples.writeEnvFile(work.resolve(member.instance() + ".env"),
          ClusterEnvironment.forMember(cluster, release, member, members, Optional.of(secret)));
      ProcessBuilder builder = new ProcessBuilder(releaseDir.resolve("bin/hello-cluster").toString());
      builder.environment().put("CUL8ER_ENV_FILE", envFile.toString());
      builder.environment().put("PORT", Integer.toString(httpPort));
      builder.environment().put("BIND", member.address());
      if (secret.equals("wrong")) {
        // Refused only if the coordinator's answer comes within join_timeout (README.md, "secret"); 5 s
        // was once too short for a CI machine under load. app-1 already runs, so no start waits it out.
        builder.environment().put("JAVA_OPTS", "-Djgroups.join_timeout=" + REFUSAL_TIMEOUT.toSeconds() + "s");
      }
      return builder;
    } catch (IOException e) {
      throw new AssertionError("cannot write the env file of " + member.instance() + ": " + e.getMessage(), e);
    }
  }
}
