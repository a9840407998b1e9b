package io.cul8er.engine;

import io.cul8er.health.Sleeper;
import io.cul8er.incus.IncusApi;
import io.cul8er.incus.api.InstancePatch;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedRelease;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.plan.Step;
import io.cul8er.strategy.ReleaseStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Does each kind of release step against Incus, the releases inside instances, the edge and the
 * health checks. Every action can be run again after a crash (the runner's journal may ask for
 * that): a snapshot that exists is kept, an instance already on the version is left alone, a
 * server already drained stays drained.
 */
final class StepActions {
  static final int FULL_WEIGHT = 100;
  /** How the detail of a finished {@code after_deploy} step that failed begins. */
  static final String HOOK_FAILED = "FAILED, the deploy stands: ";

  /**
   * Everything the steps act on, injected so that the runner is tested against fakes. {@code specs}
   * gives the spec of an instance a step creates: one of the next blue-green set, or a replacement
   * from the updated build of its image. {@code notes} tells the command line what it should know
   * (a file written through exec because Incus lost its file helper).
   */
  record Tools(
      Topology topology,
      Function<String, IncusApi> incus,
      Function<String, StepRunner> steps,
      EdgeOps edge,
      HealthGate health,
      BiFunction<String, String, Map<String, String>> environment,
      Function<String, InstanceSpec> specs,
      ClusterGate clusters,
      StateRecorder recorder,
      Sleeper sleeper,
      Clock clock,
      Consumer<String> notes,
      Function<String, java.util.Collection<String>> secretValues) {

    /** Tools for topologies whose hooks print no secret (tests). */
    Tools(Topology topology, Function<String, IncusApi> incus, Function<String, StepRunner> steps, EdgeOps edge,
        HealthGate health, BiFunction<String, String, Map<String, String>> environment,
        Function<String, InstanceSpec> specs, ClusterGate clusters, StateRecorder recorder, Sleeper sleeper, Clock clock,
        Consumer<String> notes) {
      this(topology, incus, steps, edge, health, environment, specs, clusters, recorder, sleeper, clock, notes,
          resource -> List.of());
    }
  }

  /** Waits for a cluster to form. */
  interface ClusterGate {
    void await(String cluster) throws InterruptedException;
  }

  private final Tools tools;
  private final Map<String, String> addresses;
  /** Addresses of instances a move created, by host and name: the old host's copy keeps the plain name's. */
  private final Map<String, String> arriving = new ConcurrentHashMap<>();
  /** The host whose copy of a moving instance the edges serve, once handed over (either way). */
  private final Map<String, String> serving = new ConcurrentHashMap<>();
  private final CanaryJudge canary;
  private final Map<String, Duration> formations = new ConcurrentHashMap<>();
  private volatile String rollout = "";
  private volatile Instant lastStart;

  /** {@code addresses}: a concurrent map of the known addresses, which the steps keep up to date. */
  StepActions(Tools tools, ConcurrentHashMap<String, String> addresses) {
    this(tools, addresses, Map.of());
  }

  /**
   * {@code onSeveralHosts}: the addresses of instances found under one name on two hosts (a move
   * stopped part-way), keyed {@code host/name}, which steps on one of those hosts use.
   */
  StepActions(Tools tools, ConcurrentHashMap<String, String> addresses, Map<String, String> onSeveralHosts) {
    this.tools = tools;
    this.addresses = addresses;
    this.arriving.putAll(onSeveralHosts);
    this.canary = new CanaryJudge(tools.edge(), tools.sleeper());
    this.lastStart = tools.clock().instant();
  }

  /** Names the rollout whose snapshots the following steps take and restore. */
  void beginRollout(String id) {
    rollout = id;
  }

  /** The address of every instance known to run, as the steps left them. */
  Map<String, String> addresses() {
    return Map.copyOf(addresses);
  }

  /** Does {@code step}; returns what it found worth saying (may be empty). */
  String execute(ReleaseStep step) throws InterruptedException {
    if (step instanceof ReleaseStep.Stage s) {
      return stage(s);
    } else if (step instanceof ReleaseStep.RunHook s) {
      return runHook(s);
    } else if (step instanceof ReleaseStep.Install s) {
      return install(s);
    } else if (step instanceof ReleaseStep.Configure s) {
      return configure(s.host(), s.instance(), s.resource());
    } else if (step instanceof ReleaseStep.Drain s) {
      return "drained after " + DeployReport.millis(tools.edge().drain(s.resource(), s.instance()));
    } else if (step instanceof ReleaseStep.Snapshot s) {
      return snapshot(s);
    } else if (step instanceof ReleaseStep.Activate s) {
      return activate(s.host(), s.instance(), s.resource(), s.version());
    } else if (step instanceof ReleaseStep.Restart s) {
      return activate(s.host(), s.instance(), s.resource(), s.version());
    } else if (step instanceof ReleaseStep.Record s) {
      installer(s.host()).record(s.instance(), s.version());
      started(s.host(), s.instance(), s.version());
      return "";
    } else if (step instanceof ReleaseStep.Restore s) {
      return restore(s);
    } else if (step instanceof ReleaseStep.RestoreSnapshot s) {
      return restoreSnapshot(s.host(), s.instance(), s.snapshot(), Optional.empty());
    } else if (step instanceof ReleaseStep.AwaitHealthy s) {
      return tools.health().await(s.host(), s.instance(), address(s.host(), s.instance()));
    } else if (step instanceof ReleaseStep.Enable s) {
      return enable(s);
    } else if (step instanceof ReleaseStep.ShiftWeight s) {
      return canary.shift(s);
    } else if (step instanceof ReleaseStep.ResetWeights s) {
      return canary.even(s.resource());
    } else if (step instanceof ReleaseStep.BalanceFleetWide s) {
      tools.edge().fleetWide(s.resource(), true);
      return "";
    } else if (step instanceof ReleaseStep.BalanceLocalFirst s) {
      tools.edge().fleetWide(s.resource(), false);
      return "";
    } else if (step instanceof ReleaseStep.CreateSlotInstance s) {
      return createSlotInstance(s);
    } else if (step instanceof ReleaseStep.AddToEdge s) {
      return add(s);
    } else if (step instanceof ReleaseStep.Discard s) {
      return discard(s);
    } else if (step instanceof ReleaseStep.Switch s) {
      return switchTo(s);
    } else if (step instanceof ReleaseStep.Retire s) {
      return retire(s);
    } else if (step instanceof ReleaseStep.SetAside s) {
      return setAside(s);
    } else if (step instanceof ReleaseStep.PutBack s) {
      return putBack(s);
    } else if (step instanceof ReleaseStep.CreateReplacement s) {
      return createReplacement(s);
    } else if (step instanceof ReleaseStep.DeleteReplacement s) {
      return deleteReplacement(s);
    } else if (step instanceof ReleaseStep.DeleteAside s) {
      return deleteAside(s);
    } else if (step instanceof ReleaseStep.CreateMoved s) {
      return createMoved(s);
    } else if (step instanceof ReleaseStep.DeleteMovedIn s) {
      return deleteMovedIn(s);
    } else if (step instanceof ReleaseStep.HandOver s) {
      return handOver(s);
    } else if (step instanceof ReleaseStep.DeleteMovedAway s) {
      return deleteMovedAway(s);
    } else if (step instanceof ReleaseStep.EnsureEdge s) {
      return ensureEdge(s);
    } else if (step instanceof ReleaseStep.AwaitCluster s) {
      return awaitCluster(s);
    } else if (step instanceof ReleaseStep.PruneSnapshots s) {
      return prune(s);
    }
    throw new IllegalStateException("No action for " + step);
  }

  private String stage(ReleaseStep.Stage step) {
    Release release = release(step.resource(), step.version());
    ReleaseInstaller installer = installer(step.host());
    installer.stage(step.instance(), release, step.version());
    // The run script and env file are read at the next start only: writing them now is safe.
    installer.configure(step.instance(), release, tools.environment().apply(step.resource(), step.instance()));
    return "";
  }

  /**
   * A {@code before_switch} failure fails the step (nothing has switched: the rollout stops); an
   * {@code after_deploy} failure is reported and the deploy stands (every instance already runs the
   * new version, healthy: undoing it for a hook would be worse).
   */
  private String runHook(ReleaseStep.RunHook step) {
    Release release = release(step.resource(), step.version());
    var timeout = release.hooks().timeout();
    try {
      String output = installer(step.host()).runHook(step.instance(), release, step.version(), step.hook(),
          step.command(), timeout, tools.secretValues().apply(step.resource()));
      return output.isEmpty() ? "succeeded" : "succeeded; its last lines of output:\n" + output;
    } catch (io.cul8er.model.Cul8erException failed) {
      if (step.hook().equals(ReleaseStep.RunHook.BEFORE_SWITCH)) {
        throw failed;
      }
      tools.notes().accept("warning: " + failed.getMessage() + " (the deploy stands: every instance runs "
          + step.version() + ")");
      return HOOK_FAILED + failed.getMessage();
    }
  }

  private String install(ReleaseStep.Install step) {
    Release release = release(step.resource(), step.version());
    ReleaseInstaller installer = installer(step.host());
    Optional<String> runs = Optional.of(installer.probe(step.instance(), release))
        .filter(ObservedRelease::running).flatMap(ObservedRelease::effectiveVersion);
    if (runs.filter(step.version()::equals).isPresent()) {
      tools.recorder().recordVersion(step.host(), step.instance(), runs);
      return "already runs " + step.version();
    }
    installer.install(step.instance(), release, step.version(),
        tools.environment().apply(step.resource(), step.instance()));
    started(step.host(), step.instance(), step.version());
    return "";
  }

  private String configure(String host, String instance, String resource) {
    Release release = release(resource, Optional.empty());
    installer(host).configure(instance, release, tools.environment().apply(resource, instance));
    return "";
  }

  /**
   * Takes the rollout's snapshot, unless a sound one exists. A daemon killed while taking it can
   * leave the container frozen (Incus freezes it to copy it), the copy cut short, or its records
   * disagreeing with the storage pool's: when the instance is found frozen, or the two disagree,
   * the instance is thawed (it is drained: a forced restart, if Incus cannot thaw it, costs no
   * request) and the snapshot taken again.
   */
  private String snapshot(ReleaseStep.Snapshot step) throws InterruptedException {
    String name = SnapshotNames.of(rollout, step.fromVersion());
    IncusApi incus = tools.incus().apply(step.host());
    String instance = step.instance();
    boolean existed = incus.listSnapshots(instance).stream().anyMatch(s -> s.name().equals(name));
    if (!existed) {
      incus.createSnapshot(instance, name);
    }
    StepRunner steps = tools.steps().apply(step.host());
    boolean frozen = steps.frozen(instance);
    boolean unsound = frozen || !incus.listVolumeSnapshots(instance).contains(name);
    if (!unsound) {
      return existed ? name + " (taken before)" : name;
    }
    if (frozen) {
      steps.run(new Step.StartInstance(instance));
      steps.run(new Step.WaitRunning(instance)).ifPresent(a -> addresses.put(instance, a));
    }
    try {
      incus.deleteSnapshot(instance, name);
    } catch (io.cul8er.incus.IncusException halfThere) {
      // one of its two records was missing: taking it again makes both
    }
    incus.createSnapshot(instance, name);
    return name + " (taken again: an interrupted snapshot had left " + (frozen ? instance + " frozen" : "it unsound")
        + ")";
  }

  private String activate(String host, String instance, String resource, String version) {
    installer(host).activate(instance, release(resource, version), version);
    started(host, instance, version);
    return "";
  }

  private void started(String host, String instance, String version) {
    tools.recorder().recordVersion(host, instance, Optional.of(version));
    lastStart = tools.clock().instant();
  }

  /**
   * From the rollout's snapshot when there is one (its config says the version), else by
   * activating the version. A snapshot that cannot be restored (a daemon killed while taking it
   * can leave one listed but unusable) falls back to activating the version too.
   */
  private String restore(ReleaseStep.Restore step) throws InterruptedException {
    String name = SnapshotNames.of(rollout, step.version());
    IncusApi incus = tools.incus().apply(step.host());
    boolean has = step.fromSnapshot()
        && incus.listSnapshots(step.instance()).stream().anyMatch(s -> s.name().equals(name));
    if (!has) {
      return activate(step.host(), step.instance(), step.resource(), step.version());
    }
    try {
      return restoreSnapshot(step.host(), step.instance(), name, Optional.of(step.version()));
    } catch (io.cul8er.incus.IncusException unusable) {
      tools.steps().apply(step.host()).run(new Step.StartInstance(step.instance()));
      tools.steps().apply(step.host()).run(new Step.WaitRunning(step.instance()))
          .ifPresent(a -> addresses.put(step.instance(), a));
      activate(step.host(), step.instance(), step.resource(), step.version());
      return "snapshot " + name + " could not be restored (" + unusable.getMessage() + "): switched back instead";
    }
  }

  /** Restores the snapshot and records the version its config says the instance runs. */
  private String restoreSnapshot(String host, String instance, String name, Optional<String> expected)
      throws InterruptedException {
    IncusApi incus = tools.incus().apply(host);
    if (incus.listSnapshots(instance).stream().noneMatch(s -> s.name().equals(name))) {
      throw new ReleaseFailure(instance + " has no snapshot `" + name + "`; its snapshots: "
          + incus.listSnapshots(instance).stream().map(s -> s.name()).toList());
    }
    incus.restoreSnapshot(instance, name);
    tools.steps().apply(host).run(new Step.WaitRunning(instance)).ifPresent(a -> addresses.put(instance, a));
    Optional<String> version = incus.findInstance(instance)
        .map(i -> i.value().config().get(ConfigKeys.RELEASE)).or(() -> expected);
    version.ifPresent(v -> started(host, instance, v));
    return "from " + name + version.map(v -> ", runs " + v).orElse("");
  }

  private String enable(ReleaseStep.Enable step) {
    tools.edge().enable(step.resource(), step.instance(), step.canary() ? 0 : FULL_WEIGHT);
    return "";
  }

  private String createSlotInstance(ReleaseStep.CreateSlotInstance step) throws InterruptedException {
    InstanceSpec spec = tools.specs().apply(step.instance());
    StepRunner steps = tools.steps().apply(step.host());
    boolean exists = tools.incus().apply(step.host()).findInstance(step.instance()).isPresent();
    boolean replaced = exists && step.fresh() && !madeFromCurrentBuild(step.host(), step.instance(), spec);
    if (replaced) {
      tools.edge().remove(step.resource(), step.instance());
      steps.run(new Step.DeleteInstance(step.instance()));
      addresses.remove(step.instance());
    }
    steps.run(exists && !replaced ? new Step.UpdateInstance(spec) : new Step.CreateInstance(spec));
    tools.recorder().record(spec);
    steps.run(new Step.StartInstance(step.instance()));
    steps.run(new Step.WaitRunning(step.instance())).ifPresent(a -> addresses.put(step.instance(), a));
    return replaced ? "deleted its standby, made from an older build" : exists ? "took over its standby" : "";
  }

  /**
   * Whether the instance was made from the build its image's alias names now (as one created by
   * this step before a crash was). A remote image, or an alias that cannot be read, is not judged:
   * false.
   */
  private boolean madeFromCurrentBuild(String host, String instance, InstanceSpec spec) {
    IncusApi incus = tools.incus().apply(host);
    if (spec.image().remote().isPresent()) {
      return false;
    }
    Optional<String> base = incus.findInstance(instance).map(i -> i.value().config().get(ConfigKeys.BASE_IMAGE));
    Optional<String> current = incus.findImageAlias(spec.image().alias()).map(a -> a.target());
    return base.isPresent() && base.equals(current);
  }

  /**
   * Stops the instance (it is drained) and renames it aside, out of the edge, so that its name is
   * free for the replacement. Run again after a crash: once the aside exists, it is done.
   */
  private String setAside(ReleaseStep.SetAside step) throws InterruptedException {
    IncusApi incus = tools.incus().apply(step.host());
    if (incus.findInstance(step.aside()).isPresent()) {
      return "set aside before";
    }
    if (incus.findInstance(step.instance()).isEmpty()) {
      throw new ReleaseFailure("Cannot set " + step.instance() + " aside: neither it nor " + step.aside()
          + " exists in Incus");
    }
    tools.edge().remove(step.resource(), step.instance());
    tools.steps().apply(step.host()).stop(step.instance());
    incus.renameInstance(step.instance(), step.aside());
    addresses.remove(step.instance());
    int snapshots = incus.listSnapshots(step.aside()).size();
    return "stopped, kept with its " + snapshots + " snapshot(s)";
  }

  /**
   * Brings back the instance set aside: a replacement under its name is taken out of the edge and
   * deleted, the old one renamed back, started, and added to the edge with no traffic. When
   * nothing is set aside (the set-aside stopped before its rename, or the one set aside was
   * deleted once its replacement served), the instance of that name is started and put back in
   * the edge as it is.
   */
  private String putBack(ReleaseStep.PutBack step) throws InterruptedException {
    IncusApi incus = tools.incus().apply(step.host());
    StepRunner steps = tools.steps().apply(step.host());
    boolean present = incus.findInstance(step.instance()).isPresent();
    boolean aside = incus.findInstance(step.aside()).isPresent();
    if (!aside && !present) {
      throw new ReleaseFailure("Cannot put " + step.aside() + " back as " + step.instance()
          + ": neither exists in Incus");
    }
    if (aside && present) {
      tools.edge().remove(step.resource(), step.instance());
      steps.run(new Step.DeleteInstance(step.instance()));
    }
    if (aside) {
      incus.renameInstance(step.aside(), step.instance());
    }
    steps.run(new Step.StartInstance(step.instance()));
    String address = steps.run(new Step.WaitRunning(step.instance()))
        .orElseThrow(() -> new ReleaseFailure(step.instance() + " has no address after it was put back"));
    addresses.put(step.instance(), address);
    Optional<String> version = runs(step.host(), step.instance(), step.resource());
    tools.recorder().recordVersion(step.host(), step.instance(), version);
    tools.edge().add(step.resource(), step.instance(), address);
    String runs = version.map(v -> "runs " + v + " again").orElse("runs again");
    return aside ? runs : "nothing was set aside (no " + step.aside() + "): " + step.instance() + " as it is "
        + runs;
  }

  /**
   * The version the release in the instance runs, as a probe inside it finds (its config's when the
   * probe sees none running); empty for a resource without a release.
   */
  private Optional<String> runs(String host, String instance, String resourceName) {
    Optional<Release> release = tools.topology().resource(resourceName).flatMap(Resource::release);
    if (release.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> probed = Optional.of(installer(host).probe(instance, release.get()))
        .filter(ObservedRelease::running).flatMap(ObservedRelease::effectiveVersion);
    return probed.or(() -> tools.incus().apply(host).findInstance(instance)
        .flatMap(i -> Optional.ofNullable(i.value().config().get(ConfigKeys.RELEASE))));
  }

  /**
   * Creates the instance from its spec, whose image alias names the updated build, and starts it.
   * Refuses while nothing is set aside: the instance of that name would be the only copy.
   */
  private String createReplacement(ReleaseStep.CreateReplacement step) throws InterruptedException {
    IncusApi incus = tools.incus().apply(step.host());
    boolean exists = incus.findInstance(step.instance()).isPresent();
    if (exists && incus.findInstance(step.aside()).isEmpty()) {
      throw new ReleaseFailure("Cannot create a replacement of " + step.instance() + ": it exists and no "
          + step.aside() + " was set aside");
    }
    InstanceSpec spec = tools.specs().apply(step.instance());
    StepRunner steps = tools.steps().apply(step.host());
    if (!exists) {
      steps.run(new Step.CreateInstance(spec));
    }
    tools.recorder().record(spec);
    tools.recorder().recordVersion(step.host(), step.instance(), Optional.empty());
    steps.run(new Step.StartInstance(step.instance()));
    steps.run(new Step.WaitRunning(step.instance())).ifPresent(a -> addresses.put(step.instance(), a));
    String build = incus.findInstance(step.instance()).map(i -> i.value().config().get(ConfigKeys.BASE_IMAGE))
        .map(io.cul8er.plan.ImageUpdate::shortFingerprint).orElse("?");
    return (exists ? "created before, " : "") + "from build " + build;
  }

  /** Takes the replacement out of the edge and deletes it, only while the old one is set aside. */
  private String deleteReplacement(ReleaseStep.DeleteReplacement step) throws InterruptedException {
    IncusApi incus = tools.incus().apply(step.host());
    if (incus.findInstance(step.aside()).isEmpty()) {
      return "kept " + step.instance() + ": " + step.aside() + " was deleted once it passed its checks";
    }
    if (incus.findInstance(step.instance()).isPresent()) {
      tools.edge().remove(step.resource(), step.instance());
      tools.steps().apply(step.host()).run(new Step.DeleteInstance(step.instance()));
      addresses.remove(step.instance());
    }
    return "";
  }

  private String deleteAside(ReleaseStep.DeleteAside step) throws InterruptedException {
    if (tools.incus().apply(step.host()).findInstance(step.aside()).isEmpty()) {
      return "deleted before";
    }
    tools.steps().apply(step.host()).run(new Step.DeleteInstance(step.aside()));
    return "deleted with its snapshots";
  }

  /**
   * Creates the instance on its new host and starts it; its address is kept apart from the one of
   * the same name on the old host, which the edges keep using until the hand-over.
   */
  private String createMoved(ReleaseStep.CreateMoved step) throws InterruptedException {
    StepRunner steps = tools.steps().apply(step.host());
    boolean exists = tools.incus().apply(step.host()).findInstance(step.instance()).isPresent();
    InstanceSpec spec = tools.specs().apply(step.instance());
    if (!exists) {
      steps.run(new Step.CreateInstance(spec));
    }
    tools.recorder().record(spec);
    steps.run(new Step.StartInstance(step.instance()));
    steps.run(new Step.WaitRunning(step.instance())).ifPresent(a -> arriving.put(key(step.host(), step.instance()), a));
    return exists ? "created before" : "";
  }

  private String deleteMovedIn(ReleaseStep.DeleteMovedIn step) throws InterruptedException {
    if (tools.incus().apply(step.from()).findInstance(step.instance()).isEmpty()) {
      return "kept " + step.instance() + " on " + step.host() + ": the one on " + step.from() + " was deleted";
    }
    tools.steps().apply(step.host()).run(new Step.DeleteInstance(step.instance()));
    tools.recorder().forget(step.host(), step.instance());
    arriving.remove(key(step.host(), step.instance()));
    return "";
  }

  /**
   * Every edge's server of the instance points at its copy on {@code to} from the next reload on:
   * the fragments are written again with that address, then each edge's check must pass on it.
   */
  private String handOver(ReleaseStep.HandOver step) throws InterruptedException {
    String address = Optional.ofNullable(arriving.get(key(step.to(), step.instance())))
        .or(() -> running(step.to(), step.instance()))
        .orElseThrow(() -> new ReleaseFailure("Cannot hand " + step.instance() + "'s traffic over to " + step.to()
            + ": the instance there has no address; is it running?"));
    addresses.put(step.instance(), address);
    serving.put(step.instance(), step.to());
    for (var host : tools.topology().hosts()) {
      tools.edge().ensure(host.name());
    }
    tools.edge().enable(step.resource(), step.instance(), FULL_WEIGHT);
    return "now " + address + " on " + step.to();
  }

  private String deleteMovedAway(ReleaseStep.DeleteMovedAway step) throws InterruptedException {
    if (tools.incus().apply(step.host()).findInstance(step.instance()).isPresent()) {
      tools.steps().apply(step.host()).run(new Step.DeleteInstance(step.instance()));
    }
    tools.recorder().forget(step.host(), step.instance());
    return "deleted with its snapshots";
  }

  private Optional<String> running(String host, String instance) {
    try {
      return tools.steps().apply(host).run(new Step.WaitRunning(instance));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReleaseFailure("Interrupted while reading the address of " + instance + " on " + host, e);
    }
  }

  private static String key(String host, String instance) {
    return host + "/" + instance;
  }

  private String add(ReleaseStep.AddToEdge step) throws InterruptedException {
    tools.edge().add(step.resource(), step.instance(), address(step.host(), step.instance()));
    return "";
  }

  private String discard(ReleaseStep.Discard step) throws InterruptedException {
    tools.edge().remove(step.resource(), step.instance());
    tools.steps().apply(step.host()).run(new Step.DeleteInstance(step.instance()));
    tools.recorder().forget(step.host(), step.instance());
    addresses.remove(step.instance());
    return "";
  }

  private String switchTo(ReleaseStep.Switch step) {
    Map<String, Integer> weights = new java.util.TreeMap<>();
    step.to().forEach(instance -> weights.put(instance, FULL_WEIGHT));
    tools.edge().weights(step.resource(), weights);
    step.to().forEach(instance -> tools.edge().enable(step.resource(), instance, FULL_WEIGHT));
    step.from().forEach(instance -> tools.edge().drain(step.resource(), instance));
    return "";
  }

  private String retire(ReleaseStep.Retire step) throws InterruptedException {
    if (step.keep().isZero()) {
      tools.steps().apply(step.host()).run(new Step.DeleteInstance(step.instance()));
      tools.recorder().forget(step.host(), step.instance());
      addresses.remove(step.instance());
      return "deleted";
    }
    Instant until = tools.clock().instant().plus(step.keep());
    tools.incus().apply(step.host()).patchInstance(step.instance(),
        InstancePatch.config(Map.of(ConfigKeys.STANDBY_UNTIL, until.toString())));
    tools.recorder().markStandby(step.host(), step.instance(), until);
    return "standby until " + until + " for an instant switch back (cul8er rollback)";
  }

  private String ensureEdge(ReleaseStep.EnsureEdge step) {
    tools.edge().ensure(step.host());
    return "";
  }

  private String awaitCluster(ReleaseStep.AwaitCluster step) throws InterruptedException {
    membersAtTheirNewHosts();
    tools.clusters().await(step.cluster());
    Duration took = Duration.between(lastStart, tools.clock().instant());
    formations.put(step.cluster(), took);
    return "formed " + DeployReport.millis(took) + " after the last member started";
  }

  /**
   * The copy a move made on its new host becomes the member the cluster probes, as the hand-over
   * makes it the edge's server (a cluster member without exposed ports has no hand-over).
   */
  private void membersAtTheirNewHosts() {
    arriving.forEach((key, address) -> {
      String host = key.substring(0, key.indexOf('/'));
      String instance = key.substring(key.indexOf('/') + 1);
      boolean destination;
      try {
        destination = tools.specs().apply(instance).host().equals(host);
      } catch (ReleaseFailure unknown) {
        destination = false;
      }
      if (destination) {
        addresses.put(instance, address);
        serving.put(instance, host);
      }
    });
  }

  /** How long each cluster took to form, from the last member's start. */
  Map<String, Duration> formations() {
    return Map.copyOf(formations);
  }

  private String prune(ReleaseStep.PruneSnapshots step) {
    IncusApi incus = tools.incus().apply(step.host());
    List<String> ours = incus.listSnapshots(step.instance()).stream().map(s -> s.name())
        .filter(SnapshotNames::isOurs).sorted().toList();
    int deleted = 0;
    for (int i = 0; i < ours.size() - step.retain(); i++) {
      incus.deleteSnapshot(step.instance(), ours.get(i));
      deleted++;
    }
    return deleted == 0 ? "" : "deleted " + deleted;
  }

  /** The instance's address, asked of Incus when no step has told it yet. */
  private String address(String host, String instance) throws InterruptedException {
    String moved = arriving.get(key(host, instance));
    if (moved != null) {
      return moved;
    }
    String known = addresses.get(instance);
    if (known != null && serving.getOrDefault(instance, host).equals(host)) {
      return known;
    }
    String address = tools.steps().apply(host).run(new Step.WaitRunning(instance))
        .orElseThrow(() -> new ReleaseFailure(instance + " has no address on " + host + "; is it running?"));
    if (!serving.containsKey(instance)) {
      addresses.put(instance, address);
    }
    return address;
  }

  private ReleaseInstaller installer(String host) {
    return new ReleaseInstaller(tools.incus().apply(host), tools.notes());
  }

  private Release release(String resource, String version) {
    return release(resource, Optional.of(version));
  }

  private Release release(String resourceName, Optional<String> version) {
    Resource resource = tools.topology().resource(resourceName).orElseThrow(() -> new ReleaseFailure(
        "Resource `" + resourceName + "` is no longer in topology " + tools.topology().name()
            + "; its release cannot be changed"));
    Release release = resource.release().orElseThrow(() -> new ReleaseFailure(
        "Resource `" + resourceName + "` of " + tools.topology().name() + " deploys no release"));
    return version.map(release::withVersion).orElse(release);
  }
}
