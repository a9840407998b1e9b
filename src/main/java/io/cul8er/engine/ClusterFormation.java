package io.cul8er.engine;

import io.cul8er.cluster.Formation;
import io.cul8er.cluster.Member;
import io.cul8er.cluster.Membership;
import io.cul8er.cluster.MembershipProbes;
import io.cul8er.cluster.ProbeSpec;
import io.cul8er.health.Reach;
import io.cul8er.health.Sleeper;
import io.cul8er.incus.IncusApi;
import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.model.Cluster;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Release;
import io.cul8er.model.Topology;
import io.cul8er.release.ReleaseLayout;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Asks every member of a cluster whom it sees (the cluster's probe: a command in the instance or
 * its membership endpoint) and waits, bounded by the cluster's formation timeout, until each one
 * sees all the others in the same round.
 *
 * <p>Rounds follow each other after a pause that starts short and doubles up to {@link #MAX_PAUSE}:
 * a cluster that is formed, or nearly, when the wait begins is seen at once, and one that takes
 * long is not asked more than about twice a second (a BEAM probe boots a VM in every member).
 */
final class ClusterFormation {
  /** The pause after the first round that did not find the cluster formed. */
  static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  /** The longest pause between two rounds. */
  static final Duration MAX_PAUSE = Duration.ofMillis(400);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  /**
   * The longest a probe command may run: a BEAM {@code rpc} boots a VM (0.2-1 s on a busy host)
   * and gives up on an unreachable node after {@code net_setuptime}, 7 s.
   */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);

  private final Topology topology;
  private final Function<String, IncusApi> incusOfInstance;
  private final Function<String, Reach> reachOfInstance;
  private final Clock clock;
  private final Sleeper sleeper;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ClusterFormation(Topology topology, Function<String, IncusApi> incusOfInstance, Clock clock) {
    this(topology, incusOfInstance, instance -> Reach.DIRECT, clock, Sleeper.THREAD);
  }

  ClusterFormation(Topology topology, Function<String, IncusApi> incusOfInstance, Clock clock, Sleeper sleeper) {
    this(topology, incusOfInstance, instance -> Reach.DIRECT, clock, sleeper);
  }

  /** {@code reachOfInstance}: how an HTTP probe reaches a member (through its host over SSH, or directly). */
  ClusterFormation(Topology topology, Function<String, IncusApi> incusOfInstance,
      Function<String, Reach> reachOfInstance, Clock clock) {
    this(topology, incusOfInstance, reachOfInstance, clock, Sleeper.THREAD);
  }

  ClusterFormation(Topology topology, Function<String, IncusApi> incusOfInstance,
      Function<String, Reach> reachOfInstance, Clock clock, Sleeper sleeper) {
    this.topology = topology;
    this.incusOfInstance = incusOfInstance;
    this.reachOfInstance = reachOfInstance;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** A formed cluster and how long the wait took. */
  record Formed(Formation formation, Duration took) {}

  /** Probes until formed; a user error naming who misses whom when the timeout passes. */
  Formed await(Cluster cluster, List<Member> members) throws InterruptedException {
    Instant started = clock.instant();
    Instant deadline = started.plus(cluster.formationTimeout());
    Duration pause = FIRST_PAUSE;
    while (true) {
      Formation formation = probe(cluster, members);
      if (formation.complete()) {
        return new Formed(formation, Duration.between(started, clock.instant()));
      }
      if (clock.instant().isAfter(deadline)) {
        throw new Cul8erException("Cluster " + cluster.name() + " of " + topology.name() + " did not form within "
            + cluster.formationTimeout().toSeconds() + " s: " + formation.describe()
            + "; check the members' logs (cul8er logs " + topology.name() + " RESOURCE)");
      }
      sleeper.sleep(pause);
      pause = nextPause(pause);
    }
  }

  /** The pause after {@code pause}: twice as long, at most {@link #MAX_PAUSE}. */
  static Duration nextPause(Duration pause) {
    Duration doubled = pause.multipliedBy(2);
    return doubled.compareTo(MAX_PAUSE) < 0 ? doubled : MAX_PAUSE;
  }

  /** One round: every member probed at once. */
  Formation probe(Cluster cluster, List<Member> members) throws InterruptedException {
    Release release = release(cluster);
    ProbeSpec spec = MembershipProbes.of(cluster, release);
    Map<Member, Set<String>> seen = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, members.size()));
    try {
      List<Future<?>> answers = new ArrayList<>();
      for (Member member : members) {
        answers.add(pool.submit(() -> {
          ask(spec, release, member).ifPresent(names -> seen.put(member, names));
          return null;
        }));
      }
      for (Future<?> answer : answers) {
        try {
          answer.get();
        } catch (java.util.concurrent.ExecutionException unanswered) {
          // A member that cannot be asked has not answered: the formation says so.
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return Formation.evaluate(members, seen, m -> Membership.nameOf(release, m));
  }

  private Optional<Set<String>> ask(ProbeSpec spec, Release release, Member member) throws InterruptedException {
    try {
      if (spec instanceof ProbeSpec.Http endpoint) {
        java.net.URI url = endpoint.urlFor(member);
        try (Reach.Forward forward = reachOfInstance.apply(member.instance()).forward(url.getHost(),
            url.getPort() != -1 ? url.getPort() : 80)) {
          HttpResponse<String> answer = http.send(HttpRequest.newBuilder(forward.apply(url))
              .timeout(PROBE_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
          return answer.statusCode() == 200 ? Optional.of(Membership.parse(answer.body())) : Optional.empty();
        }
      }
      ReleaseLayout layout = ReleaseLayout.of(release);
      List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c",
          "if [ -f \"$1\" ]; then set -a; . \"$1\"; set +a; fi; shift; exec \"$@\"", "probe", layout.envFile()));
      argv.addAll(((ProbeSpec.Exec) spec).argv());
      ExecCommand command = new ExecCommand(argv, Map.of(ClusterMembers.ENV_FILE_VARIABLE, layout.envFile()),
          Optional.of(layout.current()), Optional.empty(), Optional.empty()).withTimeout(COMMAND_TIMEOUT);
      ExecResult result = incusOfInstance.apply(member.instance()).exec(member.instance(), command);
      return result.succeeded() ? Optional.of(Membership.parse(result.stdout())) : Optional.empty();
    } catch (java.io.IOException | RuntimeException unanswered) {
      return Optional.empty();
    }
  }

  private Release release(Cluster cluster) {
    return cluster.nodes().stream().flatMap(n -> topology.resource(n).stream())
        .flatMap(r -> r.release().stream()).findFirst()
        .orElseThrow(() -> new Cul8erException("Cluster " + cluster.name() + " has no node that deploys a release"));
  }
}
