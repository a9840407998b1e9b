package io.cul8er.dsl;

import io.cul8er.model.Approach;
import io.cul8er.model.BlueGreen;
import io.cul8er.model.Canary;
import io.cul8er.model.Cluster;
import io.cul8er.model.Connection;
import io.cul8er.model.Discovery;
import io.cul8er.model.EnvVar;
import io.cul8er.model.Expose;
import io.cul8er.model.FileSpec;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Host;
import io.cul8er.model.Image;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Limits;
import io.cul8er.model.Observability;
import io.cul8er.model.Protocol;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.Rollback;
import io.cul8er.model.Runtime;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Strategy;
import io.cul8er.model.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Builds random, well-formed topologies (as model objects) from a seeded random source. */
final class RandomTopologies {
  private static final SourcePos P = SourcePos.NONE;
  private static final String TRICKY = "aZ09 _-./:\"\\#{}\n\t\u00e9\u4e2d\uD83D\uDE00";

  private final Random random;

  private RandomTopologies(Random random) {
    this.random = random;
  }

  static Topology topology(Random random) {
    return new RandomTopologies(random).topology();
  }

  private Topology topology() {
    List<String> hostNames = names("h", 1 + random.nextInt(3));
    List<Host> hosts = hostNames.stream().map(this::host).toList();
    List<String> resourceNames = names("r", random.nextInt(4));
    List<Resource> resources = resourceNames.stream().map(n -> resource(n, hostNames)).toList();
    List<Cluster> clusters = new ArrayList<>();
    for (String name : names("c", random.nextInt(3))) {
      clusters.add(cluster(name, resourceNames));
    }
    return new Topology(ident(), hosts, resources, clusters, strategy(), observability(), state(), P);
  }

  private List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(prefix + i + (random.nextBoolean() ? "_" + ident() : ""));
    }
    return names;
  }

  private Host host(String name) {
    String address = random.nextBoolean() ? "localhost" : text();
    Connection connection = switch (random.nextInt(3)) {
      case 0 -> new Connection.LocalSocket(text(), P);
      case 1 -> new Connection.Ssh(maybe(this::text), maybe(() -> 1 + random.nextInt(65535)), maybe(this::text), text(), P);
      default -> new Connection.Https(1 + random.nextInt(65535), maybe(this::secret), P);
    };
    return new Host(name, address, pick("debian", "alpine", "incusos", "something_else"), connection, P);
  }

  private Resource resource(String name, List<String> hosts) {
    List<Expose> exposes = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      exposes.add(new Expose(1 + random.nextInt(65535), 1 + random.nextInt(65535), pick(Protocol.values()), P));
    }
    List<EnvVar> env = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      env.add(random.nextBoolean() ? new EnvVar.Plain(ident(), text(), P) : new EnvVar.Secret(ident(), secret(), P));
    }
    List<FileSpec> files = new ArrayList<>();
    for (int i = random.nextInt(2); i > 0; i--) {
      FileSpec.FileSource source = random.nextBoolean()
          ? new FileSpec.FileSource.Inline(text()) : new FileSpec.FileSource.Local(text());
      files.add(new FileSpec("/" + ident(), source, random.nextInt(07777), random.nextInt(70000), random.nextInt(70000), P));
    }
    Limits limits = new Limits(maybe(() -> 1 + random.nextInt(64)), maybe(() -> (long) (1 + random.nextInt(1 << 20)) << random.nextInt(20)), P);
    Optional<Release> release = maybe(() -> new Release(ident(), text(), pick(Runtime.values()), maybe(this::text), maybe(this::text), P));
    List<String> on = hosts.subList(0, 1 + random.nextInt(hosts.size()));
    Optional<Image> image = maybe(() -> random.nextBoolean() ? Image.parse(ident()) : Image.parse(ident() + ":" + ident() + "/1"));
    return new Resource(name, pick(InstanceType.values()), on, 1 + random.nextInt(3), image, limits, exposes, env, files,
        List.of(text(), ident()), release, P);
  }

  private Cluster cluster(String name, List<String> resources) {
    List<String> nodes = resources.isEmpty() ? List.of() : resources.subList(0, random.nextInt(resources.size() + 1));
    Optional<Cluster.MembershipProbe> probe = maybe(() -> random.nextBoolean()
        ? new Cluster.MembershipProbe.Command(text()) : new Cluster.MembershipProbe.Endpoint(text()));
    return new Cluster(name, nodes, pick(Discovery.values()), maybe(this::secret), probe, duration(), P);
  }

  private Strategy strategy() {
    Optional<HealthCheck> check = maybe(() -> {
      HealthCheck.Probe probe = switch (random.nextInt(3)) {
        case 0 -> new HealthCheck.Probe.Http(text(), 100 + random.nextInt(500));
        case 1 -> new HealthCheck.Probe.Tcp(1 + random.nextInt(65535));
        default -> new HealthCheck.Probe.Command(text());
      };
      return new HealthCheck(probe, duration(), duration(), random.nextInt(10), duration(), P);
    });
    Canary canary = new Canary(1 + random.nextInt(5), pick(List.of(100), List.of(10, 50, 100), List.of(1, 2, 3, 100)),
        duration(), random.nextInt(1000) / 10.0, random.nextBoolean(), P);
    return new Strategy(pick(Approach.values()), 1 + random.nextInt(5), check,
        new Rollback(random.nextBoolean(), random.nextBoolean(), random.nextInt(10), P),
        new BlueGreen(duration(), P), canary, P);
  }

  private Observability observability() {
    return new Observability(subset(Observability.METRICS), subset(Observability.EVENTS), P);
  }

  private StateBackend state() {
    return random.nextBoolean() ? new StateBackend.File(text(), P) : new StateBackend.Postgres(text(), maybe(this::secret), P);
  }

  private List<String> subset(List<String> all) {
    return all.stream().filter(x -> random.nextBoolean()).toList();
  }

  private SecretRef secret() {
    return random.nextBoolean() ? new SecretRef.FromEnv(ident(), P) : new SecretRef.FromFile(text(), P);
  }

  private Duration duration() {
    return Duration.ofMillis(pick(0L, 1L, 1500L, 10_000L, 60_000L, 7_200_000L, (long) random.nextInt(1_000_000)));
  }

  private String ident() {
    StringBuilder s = new StringBuilder().append((char) ('a' + random.nextInt(26)));
    for (int i = random.nextInt(8); i > 0; i--) {
      s.append("abcdefghijklmnopqrstuvwxyz0123456789_".charAt(random.nextInt(37)));
    }
    return s.toString();
  }

  private String text() {
    StringBuilder s = new StringBuilder();
    int[] cps = TRICKY.codePoints().toArray();
    for (int i = random.nextInt(12); i > 0; i--) {
      s.appendCodePoint(cps[random.nextInt(cps.length)]);
    }
    return s.toString();
  }

  private <T> Optional<T> maybe(java.util.function.Supplier<T> value) {
    return random.nextBoolean() ? Optional.of(value.get()) : Optional.empty();
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }
}
