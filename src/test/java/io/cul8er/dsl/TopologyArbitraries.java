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
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Well-formed topologies (as model objects) built from jqwik combinators only, so that a failing
 * property shrinks to a small topology. Names, ports and texts are drawn to stress the printer
 * (quotes, escapes, interpolation braces, non-ASCII, surrogate pairs).
 */
final class TopologyArbitraries {
  private static final SourcePos P = SourcePos.NONE;
  private static final List<String> TRICKY =
      "aZ09 _-./:\"\\#{}\n\t\u00e9\u4e2d\uD83D\uDE00".codePoints().mapToObj(Character::toString).toList();

  private TopologyArbitraries() {}

  static Arbitrary<Topology> topologies() {
    Arbitrary<List<String>> hostNames = Arbitraries.integers().between(1, 3).flatMap(n -> names("h", n));
    Arbitrary<Integer> resourceCount = Arbitraries.integers().between(0, 3);
    return Combinators.combine(hostNames, resourceCount).flatAs((hosts, count) -> names("r", count).flatMap(resources ->
        Combinators.combine(ident(), each(hosts, TopologyArbitraries::host),
                each(resources, name -> resource(name, hosts)), clusters(resources), strategy(), observability(), state())
            .as((name, h, r, c, strategy, observability, state) ->
                new Topology(name, h, r, c, strategy, observability, state, P))));
  }

  private static Arbitrary<List<String>> names(String prefix, int count) {
    return Combinators.combine(IntStream.range(0, count)
            .mapToObj(i -> ident().optional().map(suffix -> prefix + i + suffix.map(s -> "_" + s).orElse("")))
            .toList())
        .as(List::copyOf);
  }

  private static <T> Arbitrary<List<T>> each(List<String> names, java.util.function.Function<String, Arbitrary<T>> of) {
    return Combinators.combine(names.stream().map(of).toList()).as(List::copyOf);
  }

  private static Arbitrary<Host> host(String name) {
    Arbitrary<String> address = Arbitraries.oneOf(Arbitraries.just("localhost"), text());
    Arbitrary<String> platform = Arbitraries.of("debian", "alpine", "incusos", "something_else");
    return Combinators.combine(address, platform, connection()).as((a, p, c) -> new Host(name, a, p, c, P));
  }

  private static Arbitrary<Connection> connection() {
    return Arbitraries.oneOf(
        text().map(socket -> new Connection.LocalSocket(socket, P)),
        Combinators.combine(text().optional(), port().optional(), text().optional(), text())
            .as((user, port, key, socket) -> new Connection.Ssh(user, port, key, socket, P)),
        Combinators.combine(port(), secret().optional()).as((port, token) -> new Connection.Https(port, token, P)));
  }

  private static Arbitrary<Resource> resource(String name, List<String> hosts) {
    Arbitrary<List<String>> on = Arbitraries.integers().between(1, hosts.size()).map(n -> hosts.subList(0, n));
    Arbitrary<Image> image = Arbitraries.oneOf(ident().map(Image::parse),
        Combinators.combine(ident(), ident()).as((remote, alias) -> Image.parse(remote + ":" + alias + "/1")));
    Arbitrary<Limits> limits = Combinators.combine(Arbitraries.integers().between(1, 64).optional(),
            Combinators.combine(Arbitraries.longs().between(1, 1 << 20), Arbitraries.integers().between(0, 19))
                .as((amount, shift) -> amount << shift).optional())
        .as((cpus, memory) -> new Limits(cpus, memory, P));
    Arbitrary<Expose> expose = Combinators.combine(port(), port(), Arbitraries.of(Protocol.class))
        .as((port, as, protocol) -> new Expose(port, as, protocol, P));
    Arbitrary<EnvVar> env = Arbitraries.oneOf(
        Combinators.combine(ident(), text()).as((n, v) -> new EnvVar.Plain(n, v, P)),
        Combinators.combine(ident(), secret()).as((n, s) -> new EnvVar.Secret(n, s, P)));
    Arbitrary<FileSpec> file = Combinators.combine(ident(),
            Arbitraries.oneOf(text().map(FileSpec.FileSource.Inline::new), text().map(FileSpec.FileSource.Local::new)),
            Arbitraries.integers().between(0, 07776), Arbitraries.integers().between(0, 69_999),
            Arbitraries.integers().between(0, 69_999))
        .as((target, source, mode, uid, gid) -> new FileSpec("/" + target, source, mode, uid, gid, P));
    Arbitrary<Release> release = Combinators.combine(ident(), text(), Arbitraries.of(Runtime.class), text().optional(),
            text().optional())
        .as((app, version, runtime, artifact, start) -> new Release(app, version, runtime, artifact, start, P));
    Arbitrary<List<String>> profiles = Combinators.combine(text(), ident()).as(List::of);
    Arbitrary<Placement> placement = Combinators.combine(Arbitraries.of(InstanceType.class), on,
            Arbitraries.integers().between(1, 3), image.optional(), limits)
        .as(Placement::new);
    return Combinators.combine(placement, expose.list().ofMaxSize(2), env.list().ofMaxSize(2), file.list().ofMaxSize(1),
            profiles, release.optional())
        .as((k, exposes, environment, files, p, r) -> new Resource(name, k.type(), k.on(), k.replicas(), k.image(),
            k.limits(), exposes, environment, files, p, r, P));
  }

  /** The first half of a resource's settings (a combinator takes at most eight arbitraries). */
  private record Placement(InstanceType type, List<String> on, int replicas, Optional<Image> image, Limits limits) {}

  private static Arbitrary<List<Cluster>> clusters(List<String> resources) {
    Arbitrary<List<String>> nodes = Arbitraries.integers().between(0, resources.size()).map(n -> resources.subList(0, n));
    Arbitrary<Cluster.MembershipProbe> probe = Arbitraries.oneOf(text().map(Cluster.MembershipProbe.Command::new),
        text().map(Cluster.MembershipProbe.Endpoint::new));
    return Arbitraries.integers().between(0, 2).flatMap(count -> names("c", count)).flatMap(names -> each(names, name ->
        Combinators.combine(nodes, Arbitraries.of(Discovery.class), secret().optional(), probe.optional(), duration())
            .as((n, discovery, cookie, p, timeout) -> new Cluster(name, n, discovery, cookie, p, timeout, P))));
  }

  private static Arbitrary<Strategy> strategy() {
    Arbitrary<HealthCheck.Probe> probe = Arbitraries.oneOf(
        Combinators.combine(text(), Arbitraries.integers().between(100, 599)).as(HealthCheck.Probe.Http::new),
        port().map(HealthCheck.Probe.Tcp::new),
        text().map(HealthCheck.Probe.Command::new));
    Arbitrary<HealthCheck> check = Combinators.combine(probe, duration(), duration(), Arbitraries.integers().between(0, 9),
            duration())
        .as((p, interval, timeout, retries, grace) -> new HealthCheck(p, interval, timeout, retries, grace, P));
    Arbitrary<Canary> canary = Combinators.combine(Arbitraries.integers().between(1, 5),
            Arbitraries.of(List.of(100), List.of(10, 50, 100), List.of(1, 2, 3, 100)), duration(),
            Arbitraries.integers().between(0, 999).map(tenths -> tenths / 10.0), Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 500), duration().optional())
        .as((instances, steps, pause, rate, auto, minRequests, maxWait) ->
            new Canary(instances, steps, pause, rate, auto, minRequests, maxWait, P));
    Arbitrary<Rollback> rollback = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 9))
        .as((automatic, snapshot, retain) -> new Rollback(automatic, snapshot, retain, P));
    return Combinators.combine(Arbitraries.of(Approach.class), Arbitraries.integers().between(1, 5), check.optional(),
            rollback, duration().map(keep -> new BlueGreen(keep, P)), canary)
        .as((approach, batch, c, r, blueGreen, k) -> new Strategy(approach, batch, c, r, blueGreen, k, P));
  }

  private static Arbitrary<Observability> observability() {
    return Combinators.combine(subset(Observability.METRICS), subset(Observability.EVENTS))
        .as((metrics, events) -> new Observability(metrics, events, P));
  }

  private static Arbitrary<StateBackend> state() {
    return Arbitraries.oneOf(text().map(directory -> new StateBackend.File(directory, P)),
        Combinators.combine(text(), secret().optional()).as((url, password) -> new StateBackend.Postgres(url, password, P)));
  }

  private static Arbitrary<List<String>> subset(List<String> all) {
    return Arbitraries.of(true, false).list().ofSize(all.size())
        .map(keep -> IntStream.range(0, all.size()).filter(keep::get).mapToObj(all::get).toList());
  }

  private static Arbitrary<SecretRef> secret() {
    return Arbitraries.oneOf(ident().map(variable -> new SecretRef.FromEnv(variable, P)),
        text().map(path -> new SecretRef.FromFile(path, P)));
  }

  private static Arbitrary<Duration> duration() {
    return Arbitraries.oneOf(Arbitraries.of(0L, 1L, 1500L, 10_000L, 60_000L, 7_200_000L),
        Arbitraries.longs().between(0, 999_999)).map(Duration::ofMillis);
  }

  private static Arbitrary<Integer> port() {
    return Arbitraries.integers().between(1, 65_535);
  }

  static Arbitrary<String> ident() {
    return Combinators.combine(Arbitraries.chars().range('a', 'z'),
            Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_").ofMaxLength(7))
        .as((first, rest) -> first + rest);
  }

  private static Arbitrary<String> text() {
    return Arbitraries.of(TRICKY).list().ofMaxSize(11).map(codePoints -> String.join("", codePoints));
  }
}
