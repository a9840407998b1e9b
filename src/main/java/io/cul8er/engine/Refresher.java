package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.ObservedInstances;
import io.cul8er.incus.api.ImageAlias;
import io.cul8er.incus.api.Instance;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.ObservedRelease;
import io.cul8er.model.Release;
import io.cul8er.model.Topology;
import io.cul8er.plan.HostProblem;
import io.cul8er.plan.ImageCatalog;
import io.cul8er.plan.Observation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Reads what exists on every host of a topology, all hosts at once, one list request per host
 * ({@code recursion=1}, or {@code recursion=2} when addresses are wanted, as for status), plus one
 * for the image aliases of the hosts asked for, and one per image alias whose current build is
 * looked up for image drift. A host that cannot be read becomes a {@link HostProblem}, not a
 * failure.
 */
public final class Refresher {
  public static final String TOPOLOGY_KEY = "user.cul8er.topology";

  private final Connections connections;
  private final Workers workers;

  public Refresher(Connections connections, Workers workers) {
    this.connections = connections;
    this.workers = workers;
  }

  /** The instances, without image aliases. */
  public Observation refresh(Topology topology, Map<String, Set<String>> namesByHost, boolean withAddresses) {
    return refresh(topology, namesByHost, withAddresses, Set.of());
  }

  /**
   * Instances owned by the topology, plus any whose name is in {@code namesByHost} for that host
   * (for conflicts). An owned instance that the topology or the state places on another host, and
   * not on this one, is left to that host: two hosts may reach the same Incus. Without {@code
   * withAddresses} the hosts are read without instance state, which Incus gathers for every
   * instance of the host and which a plan does not need. The image aliases of {@code aliasHosts}
   * are read at the same time as their instances; a host whose aliases cannot be read is
   * unreachable too.
   */
  public Observation refresh(
      Topology topology, Map<String, Set<String>> namesByHost, boolean withAddresses, Set<String> aliasHosts) {
    return refresh(topology, namesByHost, withAddresses, aliasHosts, Map.of());
  }

  /**
   * As {@link #refresh(Topology, Map, boolean, Set)}, and at the same time one probe of what runs
   * inside each instance of {@code probes} (per host, instance to release): a running instance the
   * probe could ask gets its {@link io.cul8er.model.ObservedRelease}.
   */
  public Observation refresh(Topology topology, Map<String, Set<String>> namesByHost, boolean withAddresses,
      Set<String> aliasHosts, Map<String, Map<String, Release>> probes) {
    return refresh(topology, namesByHost, withAddresses, aliasHosts, probes, Map.of());
  }

  /**
   * As {@link #refresh(Topology, Map, boolean, Set, Map)}, and at the same time the build each
   * alias of {@code driftChecks} (per host) names now: one {@code GET /1.0/images/aliases/NAME}
   * per alias and host, none on a host whose aliases are listed anyway (the list has their
   * targets). A host where such a lookup fails is unreachable, like one whose aliases cannot be
   * listed; an alias that does not exist names nothing (a create from it is an image problem).
   */
  public Observation refresh(Topology topology, Map<String, Set<String>> namesByHost, boolean withAddresses,
      Set<String> aliasHosts, Map<String, Map<String, Release>> probes, Map<String, Set<String>> driftChecks) {
    Map<Host, Future<List<ObservedInstance>>> instanceReads = new LinkedHashMap<>();
    for (Host host : topology.hosts()) {
      Set<String> names = namesByHost.getOrDefault(host.name(), Set.of());
      Set<String> elsewhere = new HashSet<>();
      namesByHost.forEach((other, otherNames) -> {
        if (!other.equals(host.name())) {
          elsewhere.addAll(otherNames);
        }
      });
      instanceReads.put(host, workers.submit(() -> read(host, topology.name(), names, elsewhere, withAddresses)));
    }
    // Submitted after the list reads, so that a full pool does not hold those back.
    Map<String, Future<Optional<ObservedRelease>>> probing = new LinkedHashMap<>();
    for (Host host : topology.hosts()) {
      probes.getOrDefault(host.name(), Map.of()).forEach((instance, release) -> probing.put(host.name() + "/" + instance,
          workers.submit(() -> ReleaseProbes.probe(connections.of(host), instance, release))));
    }
    Map<Host, Map<String, Future<Optional<ImageAlias>>>> lookups = new LinkedHashMap<>();
    for (Host host : topology.hosts()) {
      if (aliasHosts.contains(host.name())) {
        continue;
      }
      Map<String, Future<Optional<ImageAlias>>> ofHost = new LinkedHashMap<>();
      driftChecks.getOrDefault(host.name(), Set.of()).forEach(alias ->
          ofHost.put(alias, workers.submit(() -> connections.of(host).findImageAlias(alias))));
      if (!ofHost.isEmpty()) {
        lookups.put(host, ofHost);
      }
    }
    Observation observed = withTargets(topology, collect(topology, instanceReads, aliasHosts), lookups);
    if (probing.isEmpty()) {
      return observed;
    }
    List<ObservedInstance> instances = new ArrayList<>();
    for (ObservedInstance instance : observed.instances()) {
      Future<Optional<ObservedRelease>> probe = probing.get(instance.host() + "/" + instance.instanceName());
      Optional<ObservedRelease> release = probe == null || !instance.isRunning()
          ? Optional.empty() : Optional.ofNullable(await(probe, topology).value()).flatMap(r -> r);
      instances.add(release.isEmpty() ? instance : instance.withRelease(release));
    }
    return observed.withInstances(instances);
  }

  private Observation collect(Topology topology, Map<Host, Future<List<ObservedInstance>>> instanceReads,
      Set<String> aliasHosts) {
    Map<Host, Future<List<ImageAlias>>> aliasReads = aliasReads(topology, aliasHosts);
    List<ObservedInstance> instances = new ArrayList<>();
    List<HostProblem> unreachable = new ArrayList<>();
    ImageCatalog images = ImageCatalog.UNREAD.checkingRemotes();
    for (var read : instanceReads.entrySet()) {
      Host host = read.getKey();
      Result<List<ObservedInstance>> observed = await(read.getValue(), topology);
      Optional<Result<List<ImageAlias>>> aliases =
          Optional.ofNullable(aliasReads.get(host)).map(future -> await(future, topology));
      if (observed.failure().isPresent()) {
        unreachable.add(new HostProblem(host.name(), observed.failure().get()));
      } else if (aliases.isPresent() && aliases.get().failure().isPresent()) {
        unreachable.add(new HostProblem(host.name(), aliasFailure(aliases.get())));
      } else {
        instances.addAll(observed.value());
        if (aliases.isPresent()) {
          images = listed(images, host.name(), aliases.get().value());
        }
      }
    }
    return new Observation(instances, unreachable, images);
  }

  /**
   * {@code observed} with the image aliases of {@code hosts} as well, read in parallel. A host whose
   * aliases cannot be read becomes unreachable, its instances left out.
   */
  public Observation withImageAliases(Topology topology, Observation observed, Set<String> hosts) {
    ImageCatalog images = observed.images();
    List<ObservedInstance> instances = new ArrayList<>(observed.instances());
    List<HostProblem> unreachable = new ArrayList<>(observed.unreachable());
    for (var read : aliasReads(topology, hosts).entrySet()) {
      String host = read.getKey().name();
      Result<List<ImageAlias>> aliases = await(read.getValue(), topology);
      if (aliases.failure().isPresent()) {
        unreachable.add(new HostProblem(host, aliasFailure(aliases)));
        instances.removeIf(instance -> instance.host().equals(host));
      } else {
        images = listed(images, host, aliases.value());
      }
    }
    return new Observation(instances, unreachable, images, observed.edges());
  }

  /**
   * {@code observed} with the image aliases of {@code hosts} as well, read in parallel, as places an
   * image that a host lacks may be copied from: hosts of the topology, and {@code thisMachine} when
   * {@code hosts} names it. One whose aliases cannot be read is no source, and nothing more: its
   * instances stay as they were read.
   */
  public Observation withImageSources(Topology topology, Observation observed, Set<String> hosts,
      Optional<Host> thisMachine) {
    Map<Host, Future<List<ImageAlias>>> reads = aliasReads(topology, hosts);
    thisMachine.filter(machine -> hosts.contains(machine.name())).ifPresent(machine ->
        reads.put(machine, workers.submit(() -> connections.of(machine).listImageAliases())));
    ImageCatalog images = observed.images();
    for (var read : reads.entrySet()) {
      Result<List<ImageAlias>> aliases = await(read.getValue(), topology);
      if (aliases.failure().isEmpty()) {
        images = listed(images, read.getKey().name(), aliases.value());
      }
    }
    return new Observation(observed.instances(), observed.unreachable(), images, observed.edges());
  }

  /** The aliases of a host that were listed, with the build each names. */
  private static ImageCatalog listed(ImageCatalog images, String host, List<ImageAlias> aliases) {
    Map<String, String> targets = new LinkedHashMap<>();
    aliases.forEach(alias -> targets.put(alias.name(), alias.target()));
    return images.withAliases(host, aliases.stream().map(ImageAlias::name).toList()).withTargets(host, targets);
  }

  /** {@code observed} with the builds the looked-up aliases name; a host whose lookup failed is unreachable. */
  private Observation withTargets(Topology topology, Observation observed,
      Map<Host, Map<String, Future<Optional<ImageAlias>>>> lookups) {
    ImageCatalog images = observed.images();
    List<ObservedInstance> instances = new ArrayList<>(observed.instances());
    List<HostProblem> unreachable = new ArrayList<>(observed.unreachable());
    for (var ofHost : lookups.entrySet()) {
      String host = ofHost.getKey().name();
      Map<String, String> targets = new LinkedHashMap<>();
      Optional<String> failure = Optional.empty();
      for (var lookup : ofHost.getValue().entrySet()) {
        Result<Optional<ImageAlias>> found = await(lookup.getValue(), topology);
        if (found.failure().isPresent()) {
          failure = failure.or(() -> Optional.of("cannot look up image alias " + lookup.getKey() + ": "
              + found.failure().get()));
        } else {
          found.value().ifPresent(alias -> targets.put(alias.name(), alias.target()));
        }
      }
      boolean reached = unreachable.stream().noneMatch(p -> p.host().equals(host));
      if (failure.isPresent() && reached) {
        unreachable.add(new HostProblem(host, failure.get()));
        instances.removeIf(instance -> instance.host().equals(host));
      } else if (reached) {
        images = images.withTargets(host, targets);
      }
    }
    return new Observation(instances, unreachable, images, observed.edges());
  }

  private Map<Host, Future<List<ImageAlias>>> aliasReads(Topology topology, Set<String> hosts) {
    Map<Host, Future<List<ImageAlias>>> reads = new LinkedHashMap<>();
    topology.hosts().stream().filter(host -> hosts.contains(host.name())).forEach(host -> reads.put(host,
        workers.submit(() -> connections.of(host).listImageAliases())));
    return reads;
  }

  private static String aliasFailure(Result<?> aliases) {
    return "cannot list its image aliases: " + aliases.failure().orElseThrow();
  }

  /** A value, or why it could not be had. */
  private record Result<T>(T value, Optional<String> failure) {}

  private static <T> Result<T> await(Future<T> future, Topology topology) {
    try {
      return new Result<>(future.get(), Optional.empty());
    } catch (ExecutionException e) {
      return new Result<>(null, Optional.of(reasonOf(e.getCause())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while reading the hosts of " + topology.name(), e);
    }
  }

  private List<ObservedInstance> read(
      Host host, String topology, Set<String> names, Set<String> elsewhere, boolean withAddresses) {
    IncusApi api = connections.of(host);
    List<ObservedInstance> owned = new ArrayList<>();
    List<Instance> instances = withAddresses ? api.listInstances() : api.listInstancesWithoutState();
    for (Instance instance : instances) {
      boolean ours = topology.equals(instance.config().get(TOPOLOGY_KEY)) && !elsewhere.contains(instance.name());
      if (ours || names.contains(instance.name())) {
        owned.add(ObservedInstances.of(instance, host.name()));
      }
    }
    return owned;
  }

  static String reasonOf(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
