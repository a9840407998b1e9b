package io.cul8er.strategy;

import io.cul8er.model.Approach;
import io.cul8er.model.Cluster;
import io.cul8er.model.InstanceNames;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.ServiceGroup;
import io.cul8er.model.Slot;
import io.cul8er.model.Strategy;
import io.cul8er.model.Topology;
import io.cul8er.plan.Action;
import io.cul8er.plan.Change;
import io.cul8er.plan.ImageUpdate;
import io.cul8er.plan.Move;
import io.cul8er.plan.Plan;
import io.cul8er.plan.Reason;
import io.cul8er.plan.ReleaseAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the release phase of a deploy from its plan, the way {@link io.cul8er.plan.Steps} builds
 * the instance phase. Pure. In order:
 *
 * <p>An unfinished rollout that aimed at other versions is undone before this plan runs ({@link
 * Recovery#undo()}, run under that rollout's own id); its targets then start from the versions the
 * undo restores.
 *
 * <ol>
 *   <li>install the release in instances that run none, and check them;
 *   <li>bring each host's edge in line (new or removed instances, an edge found down or changed);
 *   <li>repair what was found changed inside running instances (a stopped release, a drained server);
 *   <li>each resource's rollout: rolling batches, a canary then its traffic steps then the rest
 *       (with {@code promote :manual}, a hold for {@code cul8er promote} before the rest), or a
 *       full blue-green set and its switch;
 *   <li>a blue-green resource whose hosts change: its next set made on the new hosts and switched
 *       to, as for a new version (the old set, the instances on the hosts it left included, is
 *       retired at the end);
 *   <li>instances that change host ({@link Move}), batch by batch: each created on its new host,
 *       its release (if any) installed and checked, its traffic handed over in every edge, a
 *       cluster awaited with the new copies, and only then the old one deleted;
 *   <li>with {@code --refresh-images}, the instances that run an older build of their image than
 *       its alias names now, replaced through the strategy ({@link ImageRefresh});
 *   <li>cluster members told of new peers (or a new cookie), then each cluster awaited;
 *   <li>what finishes the rollouts: weights evened out, old snapshots pruned, the old blue-green
 *       set retired.
 * </ol>
 */
public final class ReleasePlanner {

  /**
   * What the release phase is built from. {@code nextSlots}: for each blue-green resource whose
   * version or hosts change, the specs of its next set (the slot that does not serve now).
   */
  public record Inputs(Topology topology, Plan plan, Map<String, List<InstanceSpec>> nextSlots,
      Optional<Recovery> recovery, boolean refreshImages) {
    public Inputs {
      nextSlots = Map.copyOf(nextSlots);
    }

    public Inputs(Topology topology, Plan plan, Map<String, List<InstanceSpec>> nextSlots,
        Optional<Recovery> recovery) {
      this(topology, plan, nextSlots, recovery, false);
    }

    public Inputs(Topology topology, Plan plan) {
      this(topology, plan, Map.of(), Optional.empty());
    }
  }

  /**
   * The blue-green resources whose next set an image refresh builds (their instances run an older
   * build of the image): the engine renders the specs of that set, as for a new version.
   */
  public static Set<String> refreshedSlots(Topology topology, Plan plan) {
    Set<String> resources = new TreeSet<>();
    for (ImageUpdate update : plan.imageUpdates()) {
      topology.resource(update.resource()).filter(r -> Slot.appliesTo(topology, r))
          .ifPresent(r -> resources.add(r.name()));
    }
    return resources;
  }

  /**
   * The blue-green resources whose hosts change ({@link Reason#SET_MOVED_AWAY}): the engine renders
   * the specs of their next set, which is made on the new hosts and switched to, as for a new version.
   */
  public static Set<String> movedSets(Plan plan) {
    Set<String> resources = new TreeSet<>();
    plan.changes().stream().filter(c -> c.reason() == Reason.SET_MOVED_AWAY).forEach(c -> resources.add(c.resource()));
    return resources;
  }

  private ReleasePlanner() {}

  public static ReleasePlan of(Inputs in) {
    return new Build(in).plan();
  }

  /** One pass over the inputs. */
  private static final class Build {
    private final Topology topology;
    private final Plan plan;
    private final Inputs in;
    private final Strategy strategy;
    private final List<ReleasePlan.Phase> phases = new ArrayList<>();
    private final List<ReleasePlan.Phase> finishing = new ArrayList<>();
    private final List<ReleasePlan.Phase> afterDeploys = new ArrayList<>();
    private final Set<String> touched = new TreeSet<>();
    private final HookSteps hooks;

    Build(Inputs in) {
      this.in = in;
      this.hooks = new HookSteps(in.recovery());
      this.topology = in.topology();
      this.plan = in.plan();
      this.strategy = topology.strategy();
    }

    ReleasePlan plan() {
      installs();
      edges();
      repairs();
      rollouts();
      setMoves();
      moves();
      refreshes();
      clusters();
      phases.addAll(finishing);
      phases.addAll(afterDeploys);
      return new ReleasePlan(phases);
    }

    private void installs() {
      List<ReleasePlan.Sequence> sequences = new ArrayList<>();
      Map<String, HookSteps.Where> firstInstalls = new LinkedHashMap<>();
      for (Change change : releaseChanges()) {
        InstanceSpec spec = change.after().orElseThrow().spec();
        boolean runsNone = change.releaseChange().map(a -> a.before().isEmpty()).orElse(false);
        if ((change.createsInstance() || runsNone) && !change.reason().movesInReleasePhase()) {
          String version = spec.release().orElseThrow().version();
          touched.add(spec.instanceName());
          firstInstalls.putIfAbsent(spec.resource(), new HookSteps.Where(spec.host(), spec.instanceName()));
          sequences.add(new ReleasePlan.Sequence(spec.instanceName(), withCheck(spec.host(), spec.instanceName(),
              new ReleaseStep.Install(spec.host(), spec.instanceName(), spec.resource(), version))));
        }
      }
      firstInstalls.forEach((resource, where) -> {
        if (installsEveryInstance(resource, sequences)) {
          Release release = topology.resource(resource).orElseThrow().release().orElseThrow();
          hooks.beforeSwitch(resource, release, List.of(where)).ifPresent(phases::add);
          hooks.afterDeploy(resource, release, where).ifPresent(afterDeploys::add);
        }
      });
      phases.add(ReleasePlan.Phase.of("install the release in new instances", sequences));
    }

    /** Whether no instance of {@code resource} ran its release before: its first install, a new version for it. */
    private boolean installsEveryInstance(String resource, List<ReleasePlan.Sequence> installs) {
      Set<String> installed = installs.stream().map(ReleasePlan.Sequence::subject).collect(Collectors.toSet());
      return plan.specs().stream().filter(s -> s.resource().equals(resource))
          .allMatch(s -> installed.contains(s.instanceName()));
    }

    /** Whether a rollout brings a version some target does not run yet (not a set moved at its own version). */
    private static boolean newVersion(Rollout rollout) {
      return rollout.targets().stream().anyMatch(t -> !t.fromVersion().equals(rollout.toVersion()));
    }

    private static HookSteps.Where where(RolloutTarget target) {
      return new HookSteps.Where(target.host(), target.instance());
    }

    private List<ReleaseStep> withCheck(String host, String instance, ReleaseStep step) {
      List<ReleaseStep> steps = new ArrayList<>(List.of(step));
      if (strategy.healthcheck().isPresent()) {
        steps.add(new ReleaseStep.AwaitHealthy(host, instance));
      }
      return steps;
    }

    /**
     * Hosts whose edge must be started or reloaded: instances come or go there, it was found wrong,
     * or a service it serves gets another TLS certificate.
     */
    private void edges() {
      Set<String> hosts = new TreeSet<>();
      plan.edgeDrift().forEach(d -> hosts.add(d.host()));
      Set<String> rotated = plan.certificateChanges().stream().map(c -> c.service()).collect(Collectors.toSet());
      ServiceGroup.of(topology).stream().filter(g -> rotated.contains(g.name()))
          .forEach(g -> hosts.addAll(g.hosts(topology)));
      for (Change change : plan.changes()) {
        if (change.reason().movesInReleasePhase()) {
          continue; // their edges are written once the moves are done
        }
        if (ReleaseAttributes.absentFromEdge(change)) {
          hosts.add(change.host());
        }
        Optional<Resource> resource = topology.resource(change.resource());
        boolean served = resource.map(Edges::serves).orElse(false);
        boolean comesOrGoes = change.createsInstance() || change.action() == Action.DELETE
            || change.releaseChange().map(a -> a.before().isEmpty()).orElse(false);
        if (served && comesOrGoes) {
          hosts.add(change.host());
        }
      }
      List<ReleasePlan.Sequence> sequences = hosts.stream()
          .map(host -> new ReleasePlan.Sequence("edge on " + host, List.of(new ReleaseStep.EnsureEdge(host))))
          .toList();
      phases.add(ReleasePlan.Phase.of("bring the edge in line", sequences));
    }

    /**
     * A stopped release restarted, a version found running but not recorded recorded, a server found
     * drained put back: nothing else of the instance changes.
     */
    private void repairs() {
      List<ReleasePlan.Sequence> sequences = new ArrayList<>();
      for (InstanceSpec spec : plan.specs()) {
        if (spec.release().isEmpty()) {
          continue;
        }
        Optional<Change> change = plan.change(spec.host(), spec.instanceName());
        if (change.filter(c -> c.createsInstance() || c.releaseChange().isPresent()).isPresent()) {
          continue;
        }
        String version = spec.release().get().version();
        List<ReleaseStep> steps = new ArrayList<>();
        if (change.filter(ReleaseAttributes::processStopped).isPresent()) {
          touched.add(spec.instanceName());
          steps.addAll(withCheck(spec.host(), spec.instanceName(), new ReleaseStep.Restart(spec.host(),
              spec.instanceName(), spec.resource(), version, "its process is not running")));
        }
        if (ReleaseAttributes.runsUnrecordedRelease(plan.drift(), spec.instanceName())) {
          steps.add(new ReleaseStep.Record(spec.host(), spec.instanceName(), spec.resource(), version));
        }
        if (change.filter(ReleaseAttributes::outOfEdge).isPresent()) {
          // It may have been drained for a switch cut short, its process still starting: checked first.
          if (strategy.healthcheck().isPresent() && !steps.stream().anyMatch(ReleaseStep.AwaitHealthy.class::isInstance)) {
            steps.add(new ReleaseStep.AwaitHealthy(spec.host(), spec.instanceName()));
          }
          steps.add(new ReleaseStep.Enable(spec.host(), spec.instanceName(), spec.resource(), false));
        }
        if (!steps.isEmpty()) {
          sequences.add(new ReleasePlan.Sequence(spec.instanceName(), steps));
        }
      }
      phases.add(ReleasePlan.Phase.of("repair what changed inside running instances", sequences));
    }

    private void rollouts() {
      for (Rollout planned : Rollouts.of(topology, plan)) {
        Optional<Rollout> restored = in.recovery().map(r -> r.restoring(planned)).orElse(Optional.of(planned));
        if (restored.isEmpty()) {
          continue;
        }
        Rollout from = restored.get();
        if (from.approach() == Approach.BLUE_GREEN && movedSets(plan).contains(from.resource())) {
          continue; // its set moves to new hosts, at the new version: setMoves()
        }
        from.targets().forEach(t -> touched.add(t.instance()));
        if (promoted(from.resource())) {
          // A promote cut short: its canary was taken on, so the rest rolls, and the weights even out.
          Strategy rolling = new Strategy(Approach.ROLLING, strategy.batchSize(), strategy.healthcheck(),
              strategy.rollback(), strategy.blueGreen(), strategy.canary(), strategy.pos());
          rolling(new Rollout(from.resource(), from.release(), rolling, from.targets()));
          evenOut(from.resource());
        } else if (from.approach() == Approach.BLUE_GREEN) {
          boolean fresh = in.refreshImages() && refreshedSlots(topology, plan).contains(from.resource());
          blueGreen(from, from.describe(), fresh);
        } else {
          rolling(from);
        }
      }
    }

    /** Whether the unfinished rollout this deploy finishes had its canary of {@code resource} promoted. */
    private boolean promoted(String resource) {
      return in.recovery().filter(r -> !r.undoesFirst()).map(r -> r.pending().promoted(resource)).orElse(false);
    }

    /**
     * Each instance is staged while it still serves: the first batch at the start of its own steps,
     * each later batch while the batch before it is switched, so that staging costs the rollout the
     * first batch's only.
     */
    private void rolling(Rollout rollout) {
      String resource = rollout.resource();
      boolean snapshots = strategy.rollback().snapshot();
      List<List<RolloutTarget>> batches = rollout.batches();
      Optional<ReleasePlan.Phase> migration = newVersion(rollout)
          ? hooks.beforeSwitch(resource, rollout.release(), batches.get(0).stream().map(Build::where).toList())
          : Optional.empty();
      migration.ifPresent(phases::add);
      if (newVersion(rollout)) {
        hooks.afterDeploy(resource, rollout.release(), where(rollout.targets().get(0))).ifPresent(afterDeploys::add);
      }
      for (int b = 0; b < batches.size(); b++) {
        boolean canaries = b == 0 && !rollout.canarySteps().isEmpty();
        List<ReleasePlan.Sequence> sequences = new ArrayList<>();
        for (RolloutTarget target : batches.get(b)) {
          List<ReleaseStep> steps = new ArrayList<>();
          if (b == 0 && migration.isEmpty()) {
            steps.add(stage(rollout, target));
          }
          steps.addAll(update(rollout, target, snapshots, canaries));
          sequences.add(new ReleasePlan.Sequence(target.instance(), steps));
        }
        if (b + 1 < batches.size()) {
          batches.get(b + 1).forEach(next -> sequences.add(new ReleasePlan.Sequence(next.instance(),
              List.of(stage(rollout, next)))));
        }
        String title = canaries ? "canary of " + resource : "batch " + (b + 1) + "/" + batches.size() + " of " + resource;
        phases.add(ReleasePlan.Phase.of(title + (b == 0 ? ": " + rollout.describe() : ""), sequences));
        if (canaries) {
          List<String> names = batches.get(0).stream().map(RolloutTarget::instance).toList();
          shifts(resource, names, rollout.canarySteps());
          if (!strategy.canary().autoPromote()) {
            int percent = rollout.canarySteps().get(rollout.canarySteps().size() - 1);
            phases.add(ReleasePlan.Phase.single("hold the canary of " + resource + " for promotion",
                new ReleaseStep.AwaitPromotion(resource, names, percent, rollout.toVersion())));
          }
        }
      }
      if (!rollout.canarySteps().isEmpty()) {
        evenOut(resource);
      }
      if (snapshots) {
        finishing.add(ReleasePlan.Phase.of("prune old snapshots of " + resource, rollout.targets().stream()
            .map(t -> new ReleasePlan.Sequence(t.instance(), List.of(new ReleaseStep.PruneSnapshots(t.host(),
                t.instance(), strategy.rollback().retain()))))
            .toList()));
      }
    }

    private static ReleaseStep stage(Rollout rollout, RolloutTarget target) {
      return new ReleaseStep.Stage(target.host(), target.instance(), rollout.resource(), rollout.toVersion());
    }

    private List<ReleaseStep> update(Rollout rollout, RolloutTarget target, boolean snapshots, boolean canary) {
      String host = target.host();
      String instance = target.instance();
      String resource = rollout.resource();
      List<ReleaseStep> steps = new ArrayList<>();
      steps.add(new ReleaseStep.Drain(host, instance, resource));
      if (snapshots) {
        steps.add(new ReleaseStep.Snapshot(host, instance, target.fromVersion()));
      }
      steps.add(new ReleaseStep.Activate(host, instance, resource, rollout.toVersion(), target.fromVersion(), snapshots));
      if (strategy.healthcheck().isPresent()) {
        steps.add(new ReleaseStep.AwaitHealthy(host, instance));
      }
      steps.add(new ReleaseStep.Enable(host, instance, resource, canary));
      return steps;
    }

    /**
     * One phase per traffic step of the canaries {@code names} of {@code resource}, after lifting
     * the backups of a service balanced local first across hosts, so that every edge balances
     * fleet-wide by weight.
     */
    private void shifts(String resource, List<String> names, List<Integer> steps) {
      var canary = strategy.canary();
      if (Edges.localFirstAcrossHosts(topology, resource)) {
        phases.add(ReleasePlan.Phase.single("balance " + resource + " fleet-wide for its canary",
            new ReleaseStep.BalanceFleetWide(resource)));
      }
      for (int percent : steps) {
        phases.add(ReleasePlan.Phase.single("canary of " + resource + " at " + percent + "%",
            new ReleaseStep.ShiftWeight(resource, names, percent, canary.pause(),
                canary.maxErrorRatePercent(), canary.minRequests(), canary.evidenceWait())));
      }
    }

    /** After a canary: every weight equal again, and local first again where the canary lifted it. */
    private void evenOut(String resource) {
      List<ReleaseStep> steps = new ArrayList<>(List.of(new ReleaseStep.ResetWeights(resource)));
      boolean lifted = Edges.localFirstAcrossHosts(topology, resource);
      if (lifted) {
        steps.add(new ReleaseStep.BalanceLocalFirst(resource));
      }
      finishing.add(ReleasePlan.Phase.of("even out " + resource + "'s traffic" + (lifted ? ", local first again" : ""),
          List.of(new ReleasePlan.Sequence(resource, steps))));
    }

    /** {@code what}: the title's words for the set; {@code fresh}: made from the image, never from a standby. */
    private void blueGreen(Rollout rollout, String what, boolean fresh) {
      String resource = rollout.resource();
      List<InstanceSpec> next = in.nextSlots().getOrDefault(resource, List.of());
      if (next.isEmpty()) {
        throw new IllegalArgumentException("The blue-green rollout of " + resource + " needs the specs of its next set");
      }
      if (newVersion(rollout)) {
        hooks.beforeSwitch(resource, rollout.release(), List.of(where(rollout.targets().get(0))))
            .ifPresent(phases::add);
        hooks.afterDeploy(resource, rollout.release(), new HookSteps.Where(next.get(0).host(),
            next.get(0).instanceName())).ifPresent(afterDeploys::add);
      }
      // A cluster member's environment names every member's address: the whole new set is created
      // first, so that each new member is installed knowing all of its peers, old and new.
      boolean clustered = clusterOf(resource).isPresent();
      List<ReleasePlan.Sequence> create = new ArrayList<>();
      List<ReleasePlan.Sequence> prepare = new ArrayList<>();
      for (InstanceSpec spec : next) {
        String host = spec.host();
        String instance = spec.instanceName();
        touched.add(instance);
        List<ReleaseStep> steps = new ArrayList<>();
        ReleaseStep made = new ReleaseStep.CreateSlotInstance(host, instance, resource, spec.image().toString(), fresh);
        if (clustered) {
          create.add(new ReleasePlan.Sequence(instance, List.of(made)));
        } else {
          steps.add(made);
        }
        steps.addAll(withCheck(host, instance, new ReleaseStep.Install(host, instance, resource, rollout.toVersion())));
        if (Edges.serves(topology.resource(resource).orElseThrow())) {
          steps.add(new ReleaseStep.AddToEdge(host, instance, resource));
        }
        prepare.add(new ReleasePlan.Sequence(instance, steps));
      }
      if (clustered) {
        phases.add(ReleasePlan.Phase.of("create the next set of " + resource + ", to join its cluster", create));
      }
      phases.add(ReleasePlan.Phase.of("prepare the next set of " + what, prepare));
      List<String> to = next.stream().map(InstanceSpec::instanceName).toList();
      List<String> from = rollout.targets().stream().map(RolloutTarget::instance).toList();
      phases.add(ReleasePlan.Phase.single("switch " + resource, new ReleaseStep.Switch(resource, to, from)));
      Set<String> hosts = new TreeSet<>();
      next.forEach(s -> hosts.add(s.host()));
      finishing.add(ReleasePlan.Phase.of("retire the old set of " + resource, rollout.targets().stream()
          .map(t -> new ReleasePlan.Sequence(t.instance(), List.of(new ReleaseStep.Retire(t.host(), t.instance(),
              hosts.contains(t.host()) ? strategy.blueGreen().keepOld() : Duration.ZERO))))
          .toList()));
      int before = hosts.size();
      rollout.targets().forEach(t -> hosts.add(t.host()));
      boolean left = hosts.size() > before;
      finishing.add(ReleasePlan.Phase.of(left ? "write the edges of " + resource + "'s old and new hosts"
          : "write the edge of " + resource + "'s new set", hosts.stream()
          .map(h -> new ReleasePlan.Sequence("edge on " + h, List.of(new ReleaseStep.EnsureEdge(h)))).toList()));
    }

    /**
     * Each blue-green resource whose hosts change: a blue-green rollout, even at the same version.
     * Its next set is made on the new hosts, released, checked and added to the edges; every edge
     * switches to it; then the whole old set is retired, its instances on the hosts it left deleted
     * (a standby there would keep a host the resource left serving).
     */
    private void setMoves() {
      for (String resource : movedSets(plan)) {
        Release release = topology.resource(resource).orElseThrow().release().orElseThrow();
        List<RolloutTarget> old = new ArrayList<>();
        Set<String> left = new TreeSet<>();
        for (Change change : plan.changes()) {
          boolean live = change.before().isPresent() && change.reason() != Reason.STANDBY
              && (change.after().isPresent() || change.reason() == Reason.SET_MOVED_AWAY);
          if (change.resource().equals(resource) && live) {
            old.add(new RolloutTarget(change.instance(), change.host(),
                ReleaseAttributes.servedBefore(change).orElse(release.version())));
            if (change.reason() == Reason.SET_MOVED_AWAY) {
              left.add(change.instance() + " from " + change.host());
            }
          }
        }
        old.forEach(t -> touched.add(t.instance()));
        Rollout rollout = new Rollout(resource, release, strategy, old);
        blueGreen(rollout, rollout.describe() + ", moving " + String.join(", ", left), false);
      }
    }

    /**
     * Each resource's instances that change host, in batches of {@code batch_size}: created on the
     * new host, the release (if any) installed and checked, the traffic handed over from the old
     * copy in every edge (a release the edge serves), and then the old copy deleted. A failure
     * before that delete leaves the old one serving: the undo hands the traffic back and deletes the
     * new one. A cluster member's batch is awaited as a cluster, with the new copies, before the old
     * copies are deleted.
     */
    private void moves() {
      Map<String, List<Move>> byResource = new LinkedHashMap<>();
      plan.moves().forEach(m -> byResource.computeIfAbsent(m.resource(), r -> new ArrayList<>()).add(m));
      for (var entry : byResource.entrySet()) {
        String resource = entry.getKey();
        boolean served = Edges.serves(topology.resource(resource).orElseThrow());
        Optional<Cluster> cluster = clusterOf(resource);
        List<List<Move>> batches = Rollout.partition(entry.getValue(), strategy.batchSize());
        Set<String> hosts = new TreeSet<>();
        for (int b = 0; b < batches.size(); b++) {
          List<ReleasePlan.Sequence> sequences = new ArrayList<>();
          List<ReleasePlan.Sequence> deletes = new ArrayList<>();
          for (Move move : batches.get(b)) {
            touched.add(move.instance());
            hosts.add(move.from());
            hosts.add(move.to());
            List<ReleaseStep> steps = moveSteps(move, served);
            ReleaseStep delete = new ReleaseStep.DeleteMovedAway(move.from(), move.instance(), move.resource(),
                move.to());
            if (cluster.isPresent()) {
              deletes.add(new ReleasePlan.Sequence(move.instance(), List.of(delete)));
            } else {
              steps.add(delete);
            }
            sequences.add(new ReleasePlan.Sequence(move.instance(), steps));
          }
          String batch = "move batch " + (b + 1) + "/" + batches.size() + " of " + resource;
          phases.add(ReleasePlan.Phase.of(batch + (b == 0 ? ": " + describeMoves(entry.getValue(), batches.size()) : ""),
              sequences));
          cluster.ifPresent(c -> {
            phases.add(ReleasePlan.Phase.single("wait for cluster " + c.name() + " with the new copies of " + batch,
                new ReleaseStep.AwaitCluster(c.name(), members(c).size())));
            phases.add(ReleasePlan.Phase.of("delete the old copies of " + batch, deletes));
          });
        }
        if (served) {
          finishing.add(ReleasePlan.Phase.of("write the edges of " + resource + "'s old and new hosts", hosts.stream()
              .map(h -> new ReleasePlan.Sequence("edge on " + h, List.<ReleaseStep>of(new ReleaseStep.EnsureEdge(h))))
              .toList()));
        }
      }
    }

    /** Everything but deleting the old copy: create, install and check (a release), hand over (served). */
    private List<ReleaseStep> moveSteps(Move move, boolean served) {
      String host = move.to();
      String instance = move.instance();
      List<ReleaseStep> steps = new ArrayList<>();
      if (move.create()) {
        steps.add(new ReleaseStep.CreateMoved(host, instance, move.resource(), move.spec().image().toString(),
            move.from()));
        move.spec().release().ifPresent(release -> steps.addAll(withCheck(host, instance,
            new ReleaseStep.Install(host, instance, move.resource(), release.version()))));
      }
      if (served) {
        steps.add(new ReleaseStep.HandOver(move.resource(), instance, move.from(), host));
      }
      return steps;
    }

    /** The cluster {@code resource} is a node of, when it deploys a release (what a member runs). */
    private Optional<Cluster> clusterOf(String resource) {
      boolean released = topology.resource(resource).flatMap(Resource::release).isPresent();
      return topology.clusters().stream().filter(c -> released && c.nodes().contains(resource)).findFirst();
    }

    /** The members of {@code cluster} after the apply: the instances of its nodes that run a release. */
    private List<InstanceSpec> members(Cluster cluster) {
      return plan.specs().stream().filter(s -> cluster.nodes().contains(s.resource()) && s.release().isPresent())
          .toList();
    }

    /** e.g. {@code hello-web-2 from web_2 to web_1 (release 1.0.0): 1 batch of up to 1}. */
    private String describeMoves(List<Move> moves, int batches) {
      String which = String.join(", ", moves.stream().map(m -> m.instance() + " from " + m.from() + " to " + m.to())
          .toList());
      String release = moves.get(0).spec().release().map(r -> "release " + r.version()).orElse("no release");
      return which + " (" + release + "): " + batches + (batches == 1 ? " batch" : " batches") + " of up to "
          + strategy.batchSize();
    }

    /**
     * With {@code --refresh-images}: each resource whose instances run an older build of their
     * image than its alias names now. A blue-green release gets a fresh next set and a switch, as
     * a new version would (unless its rollout already makes one); any other resource has those
     * instances replaced batch by batch: each drained, set aside, re-created from the updated build
     * under its own name, its release installed again and checked, put back in the edge, and the
     * old one deleted. A canary strategy's first batch is judged on its traffic first.
     */
    private void refreshes() {
      if (!in.refreshImages()) {
        return;
      }
      Set<String> slotted = refreshedSlots(topology, plan);
      Set<String> rolledOut = new TreeSet<>();
      Rollouts.of(topology, plan).stream().filter(r -> r.approach() == Approach.BLUE_GREEN)
          .forEach(r -> rolledOut.add(r.resource()));
      rolledOut.addAll(movedSets(plan));
      Map<String, List<ImageUpdate>> byResource = new LinkedHashMap<>();
      plan.imageUpdates().forEach(u -> byResource.computeIfAbsent(u.resource(), r -> new ArrayList<>()).add(u));
      for (var entry : byResource.entrySet()) {
        Resource resource = topology.resource(entry.getKey()).orElseThrow();
        String image = entry.getValue().get(0).image();
        if (slotted.contains(resource.name())) {
          if (!rolledOut.contains(resource.name())) {
            refreshSlot(resource, image);
          }
          continue;
        }
        Optional<String> version = resource.release().map(Release::version);
        boolean canary = strategy.approach() == Approach.CANARY && version.isPresent() && Edges.serves(resource);
        replace(new ImageRefresh(resource.name(), image, version, strategy, canary, entry.getValue()));
      }
    }

    /** A blue-green resource's whole live set, replaced by a fresh next set of the version it runs. */
    private void refreshSlot(Resource resource, String image) {
      Release release = resource.release().orElseThrow();
      List<RolloutTarget> live = plan.changes().stream()
          .filter(c -> c.resource().equals(resource.name()) && c.after().isPresent() && !c.createsInstance())
          .map(c -> new RolloutTarget(c.instance(), c.host(), release.version()))
          .toList();
      live.forEach(t -> touched.add(t.instance()));
      blueGreen(new Rollout(resource.name(), release, strategy, live),
          resource.name() + " from the updated build of " + image + " (release " + release.version() + ")", true);
    }

    private void replace(ImageRefresh refresh) {
      String resource = refresh.resource();
      Resource model = topology.resource(resource).orElseThrow();
      boolean served = refresh.version().isPresent() && Edges.serves(model);
      List<List<ImageUpdate>> batches = refresh.batches();
      for (int b = 0; b < batches.size(); b++) {
        boolean canaries = b == 0 && !refresh.canarySteps().isEmpty();
        List<ReleasePlan.Sequence> sequences = new ArrayList<>();
        for (ImageUpdate target : batches.get(b)) {
          refresh.version().ifPresent(v -> touched.add(target.instance()));
          List<ReleaseStep> steps = replacement(refresh, target, served, canaries);
          if (!canaries) {
            steps.add(new ReleaseStep.DeleteAside(target.host(), target.instance(), aside(target)));
          }
          sequences.add(new ReleasePlan.Sequence(target.instance(), steps));
        }
        String title = (canaries ? "canary of " : "replace batch " + (b + 1) + "/" + batches.size() + " of ")
            + resource + (b == 0 ? ": " + refresh.describe() : "");
        phases.add(ReleasePlan.Phase.of(title, sequences));
        if (canaries) {
          shifts(resource, batches.get(0).stream().map(ImageUpdate::instance).toList(), refresh.canarySteps());
          phases.add(ReleasePlan.Phase.of("delete the old instances of " + resource + "'s canaries",
              batches.get(0).stream().map(t -> new ReleasePlan.Sequence(t.instance(),
                  List.of(new ReleaseStep.DeleteAside(t.host(), t.instance(), aside(t))))).toList()));
        }
      }
      if (!refresh.canarySteps().isEmpty()) {
        evenOut(resource);
      }
      if (served) {
        Set<String> hosts = new TreeSet<>();
        refresh.targets().forEach(t -> hosts.add(t.host()));
        finishing.add(ReleasePlan.Phase.of("write the edge of " + resource + "'s new instances", hosts.stream()
            .map(h -> new ReleasePlan.Sequence("edge on " + h, List.of(new ReleaseStep.EnsureEdge(h)))).toList()));
      }
    }

    /** Drain, set aside, re-create, install and check, put in the edge: all but deleting the old one. */
    private List<ReleaseStep> replacement(ImageRefresh refresh, ImageUpdate target, boolean served, boolean canary) {
      String host = target.host();
      String instance = target.instance();
      String resource = refresh.resource();
      List<ReleaseStep> steps = new ArrayList<>();
      if (served) {
        steps.add(new ReleaseStep.Drain(host, instance, resource));
      }
      steps.add(new ReleaseStep.SetAside(host, instance, resource, aside(target), refresh.version().isPresent()));
      steps.add(new ReleaseStep.CreateReplacement(host, instance, resource, target.image(), aside(target)));
      if (refresh.version().isPresent()) {
        steps.addAll(withCheck(host, instance, new ReleaseStep.Install(host, instance, resource,
            refresh.version().get())));
      }
      if (served) {
        steps.add(new ReleaseStep.AddToEdge(host, instance, resource));
        steps.add(new ReleaseStep.Enable(host, instance, resource, canary));
      }
      return steps;
    }

    private static String aside(ImageUpdate target) {
      return InstanceNames.aside(target.instance());
    }

    /**
     * Members that stay as they are learn of new or removed peers from their environment file;
     * those given a new cookie restart; then every cluster that changed is awaited.
     */
    private void clusters() {
      Set<String> rotated = CookieRotation.membersOf(topology, plan);
      List<ReleasePlan.Sequence> configure = new ArrayList<>();
      List<ReleasePlan.Sequence> await = new ArrayList<>();
      for (Cluster cluster : topology.clusters()) {
        List<InstanceSpec> members = members(cluster);
        boolean membershipChanged = plan.changes().stream().anyMatch(c -> cluster.nodes().contains(c.resource())
            && (c.createsInstance() || c.action() == Action.DELETE));
        boolean changed = membershipChanged || members.stream().anyMatch(m -> touched.contains(m.instanceName())
            || rotated.contains(m.instanceName()));
        if (!changed) {
          continue;
        }
        for (InstanceSpec member : members) {
          String instance = member.instanceName();
          if (touched.contains(instance)) {
            continue;
          }
          List<ReleaseStep> steps = new ArrayList<>(List.of(new ReleaseStep.Configure(member.host(), instance,
              member.resource())));
          if (rotated.contains(instance)) {
            steps.add(new ReleaseStep.Restart(member.host(), instance, member.resource(),
                member.release().orElseThrow().version(), "the cluster cookie changed"));
          }
          configure.add(new ReleasePlan.Sequence(instance, steps));
        }
        // A new blue-green set joins the old set's cluster: both are awaited, before the old one retires.
        long joining = in.nextSlots().entrySet().stream().filter(e -> cluster.nodes().contains(e.getKey()))
            .flatMap(e -> e.getValue().stream()).filter(s -> touched.contains(s.instanceName())).count();
        await.add(new ReleasePlan.Sequence(cluster.name(),
            List.of(new ReleaseStep.AwaitCluster(cluster.name(), members.size() + (int) joining))));
      }
      phases.add(ReleasePlan.Phase.of("tell cluster members of their peers", configure));
      phases.add(ReleasePlan.Phase.of("wait for the clusters to form", await));
    }

    /** Changes of instances that will run a release after the apply. */
    private List<Change> releaseChanges() {
      return plan.changes().stream()
          .filter(c -> c.after().isPresent() && c.after().get().spec().release().isPresent())
          .toList();
    }
  }
}
