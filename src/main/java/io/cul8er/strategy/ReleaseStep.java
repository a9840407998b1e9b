package io.cul8er.strategy;

import java.time.Duration;
import java.util.List;

/**
 * One thing the release phase of a deploy does, as plain data: what {@code plan} shows, what the
 * runner executes and journals, and what undoes it. A step names its instance (or, for the steps
 * that act on a whole resource, the resource) and the host it runs on; the runner resolves
 * releases, addresses and edge backends when it executes it.
 *
 * <p>Every step can be run again after a crash: running it twice leaves what running it once does.
 */
public sealed interface ReleaseStep {

  /** The host the step acts on; empty for the steps that act on a whole resource. */
  String host();

  /** The instance the step acts on, or the resource for resource-wide steps. */
  String subject();

  /** One line for plans, progress and the journal, e.g. {@code drain hello-web-1}. */
  String describe();

  /** What kind of step it is, in snake_case: {@code drain}, {@code await_healthy}, {@code shift_weight}. */
  default String kind() {
    return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  /** The release version the step stages, installs, switches to or restores; empty for the others. */
  default String version() {
    return "";
  }

  /** What undoes this step once it has started, in the order to run it; empty when nothing does. */
  default List<ReleaseStep> undo() {
    return List.of();
  }

  /**
   * Whether the step, once started, makes final what the steps before it did to its subject: an
   * undo leaves those alone (deleting the instance set aside commits its replacement).
   */
  default boolean commits() {
    return false;
  }

  /** A step that acts on a whole resource, on every host's edge: no host of its own. */
  sealed interface ResourceStep extends ReleaseStep permits ShiftWeight, ResetWeights, BalanceFleetWide,
      BalanceLocalFirst, AwaitPromotion {
    String resource();

    @Override
    default String host() {
      return "";
    }

    @Override
    default String subject() {
      return resource();
    }
  }

  /**
   * Runs a release hook ({@code before_switch}, {@code after_deploy}) once, in {@code instance}, in
   * the unpacked directory of {@code version}, with the release's environment and secrets. Nothing
   * undoes it: a migration stays when its rollout is rolled back.
   */
  record RunHook(String host, String instance, String resource, String version, String hook, String command)
      implements ReleaseStep {
    public static final String BEFORE_SWITCH = "before_switch";
    public static final String AFTER_DEPLOY = "after_deploy";

    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "run " + hook + " `" + command + "` of " + version + " in " + instance;
    }

    /** Whether this is the same hook of the same version, wherever it runs. */
    public boolean sameAs(String resource, String version, String hook) {
      return this.resource.equals(resource) && this.version.equals(version) && this.hook.equals(hook);
    }
  }

  /** Uploads and unpacks {@code version} next to the active one and writes the run script and env file. */
  record Stage(String host, String instance, String resource, String version) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "stage " + version + " in " + instance;
    }
  }

  /** First install in an instance that runs no release yet: stage, configure, activate. */
  record Install(String host, String instance, String resource, String version) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "install " + version + " in " + instance;
    }
  }

  /** Rewrites the environment file a release starts with (its cluster peers changed). */
  record Configure(String host, String instance, String resource) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "rewrite the environment of " + instance;
    }
  }

  /** Stops new traffic to the instance in every edge backend of its resource; requests in flight finish. */
  record Drain(String host, String instance, String resource) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "drain " + instance;
    }

    @Override
    public List<ReleaseStep> undo() {
      return List.of(new Enable(host, instance, resource, false));
    }
  }

  /** Snapshots the instance before its switch, named after the rollout and {@code fromVersion}. */
  record Snapshot(String host, String instance, String fromVersion) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "snapshot " + instance + " (" + fromVersion + ")";
    }
  }

  /**
   * Points {@code current} at {@code version} and restarts the release on it. Undone by a restore:
   * from the rollout's snapshot when {@code snapshotted}, else by activating {@code fromVersion}.
   */
  record Activate(String host, String instance, String resource, String version, String fromVersion,
      boolean snapshotted) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "switch " + instance + " " + fromVersion + " -> " + version;
    }

    @Override
    public List<ReleaseStep> undo() {
      return List.of(new Restore(host, instance, resource, fromVersion, snapshotted), new AwaitHealthy(host, instance));
    }
  }

  /** Restarts the release on the version it runs (its process stopped, or its cluster cookie changed). */
  record Restart(String host, String instance, String resource, String version, String why) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "restart " + version + " in " + instance + ": " + why;
    }
  }

  /**
   * Records {@code version} as the one the instance runs, as it was found running: a switch whose
   * recording was cut short (the deploying process killed between the two) left the record behind.
   */
  record Record(String host, String instance, String resource, String version) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "record " + instance + " as running " + version;
    }
  }

  /** Brings the instance back to {@code version}: from the rollout's snapshot, or by activating it. */
  record Restore(String host, String instance, String resource, String version, boolean fromSnapshot)
      implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "restore " + instance + " to " + version + (fromSnapshot ? " from its snapshot" : "");
    }
  }

  /** Restores a snapshot named by the operator ({@code cul8er restore --snapshot NAME}). */
  record RestoreSnapshot(String host, String instance, String resource, String snapshot) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "restore " + instance + " from snapshot " + snapshot;
    }
  }

  /** Waits until the topology's health check passes on the instance. */
  record AwaitHealthy(String host, String instance) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "check " + instance;
    }
  }

  /**
   * Puts the instance back in every edge backend of its resource once the edge's own checks pass;
   * a canary comes back with weight 0 and gets traffic from the {@link ShiftWeight} steps.
   */
  record Enable(String host, String instance, String resource, boolean canary) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "enable " + instance + (canary ? " with no traffic yet" : "");
    }

    @Override
    public List<ReleaseStep> undo() {
      return List.of(new Drain(host, instance, resource));
    }
  }

  /**
   * Gives the canaries {@code percent} of the resource's traffic, then watches the edge for {@code
   * pause}: the step fails when the canaries' error rate exceeds {@code maxErrorRatePercent}, or
   * when fewer than {@code minRequests} responses reached them within {@code maxWait}.
   */
  record ShiftWeight(String resource, List<String> canaries, int percent, Duration pause,
      double maxErrorRatePercent, int minRequests, Duration maxWait) implements ResourceStep {
    public ShiftWeight {
      canaries = List.copyOf(canaries);
    }

    @Override
    public String describe() {
      return "give " + String.join(", ", canaries) + " " + percent + "% of " + resource + "'s traffic for "
          + Durations.text(pause) + " (at most " + Durations.percent(maxErrorRatePercent) + "% errors"
          + (minRequests > 0 ? " over at least " + minRequests + " responses" : "") + ")";
    }

    @Override
    public List<ReleaseStep> undo() {
      return List.of(new ResetWeights(resource));
    }
  }

  /**
   * With {@code promote :manual}: the rollout stops here, the canaries keep the last traffic step's
   * share, and the journal holds the rollout as awaiting promotion until {@code cul8er promote}
   * runs the steps after it or {@code cul8er rollback} undoes it. The runner journals it started
   * and ends the run; the promote finishes it. Nothing to undo: the weight steps before it are.
   */
  record AwaitPromotion(String resource, List<String> canaries, int percent, String version) implements ResourceStep {
    public AwaitPromotion {
      canaries = List.copyOf(canaries);
    }

    @Override
    public String describe() {
      return "hold " + String.join(", ", canaries) + " (" + version + ") at " + percent + "% of " + resource
          + "'s traffic until `cul8er promote` (or `cul8er rollback`)";
    }
  }

  /** Gives every instance of the resource the same weight again. */
  record ResetWeights(String resource) implements ResourceStep {
    @Override
    public String describe() {
      return "even out " + resource + "'s traffic";
    }
  }

  /**
   * Lifts the backup flag of other hosts' instances of the resource's services on every edge (a
   * seamless reload: HAProxy cannot change it at run time), so that during a canary every edge
   * balances over all hosts' instances by weight and the canaries' share of all traffic is the
   * step's percentage. Only for services balanced local first whose instances are on several hosts.
   */
  record BalanceFleetWide(String resource) implements ResourceStep {
    @Override
    public String describe() {
      return "balance " + resource + "'s traffic fleet-wide on every edge: other hosts' instances active, not backups";
    }

    @Override
    public List<ReleaseStep> undo() {
      return List.of(new BalanceLocalFirst(resource));
    }
  }

  /** Makes other hosts' instances of the resource's services backups again on every edge (local first). */
  record BalanceLocalFirst(String resource) implements ResourceStep {
    @Override
    public String describe() {
      return "balance " + resource + "'s traffic local first again on every edge: other hosts' instances backups";
    }
  }

  /**
   * Creates (or takes over a standby of) one instance of the next blue-green set from {@code
   * image}, and starts it; the runner renders its spec from the topology. {@code fresh} (an image
   * refresh): a standby of that name is deleted first, never taken over, so that the instance is
   * made from the build the image's alias names now.
   */
  record CreateSlotInstance(String host, String instance, String resource, String image, boolean fresh)
      implements ReleaseStep {
    public CreateSlotInstance(String host, String instance, String resource, String image) {
      this(host, instance, resource, image, false);
    }

    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "create " + instance + " from " + image + (fresh ? " (its updated build)" : "");
    }

    @Override
    public List<ReleaseStep> undo() {
      return List.of(new Discard(host, instance, resource));
    }
  }

  /** Adds the instance to every edge backend of its resource with no traffic, and waits for the edge's checks. */
  record AddToEdge(String host, String instance, String resource) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "add " + instance + " to the edge with no traffic";
    }
  }

  /** Takes an instance of a discarded blue-green set out of the edge and deletes it. */
  record Discard(String host, String instance, String resource) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "discard " + instance;
    }
  }

  /** The blue-green switch: {@code to} takes every request of the resource, {@code from} is drained. */
  record Switch(String resource, List<String> to, List<String> from) implements ReleaseStep {
    public Switch {
      to = List.copyOf(to);
      from = List.copyOf(from);
    }

    @Override
    public String host() {
      return "";
    }

    @Override
    public String subject() {
      return resource;
    }

    @Override
    public String describe() {
      return "switch " + resource + "'s traffic to " + String.join(", ", to);
    }

    @Override
    public List<ReleaseStep> undo() {
      return List.of(new Switch(resource, from, to));
    }
  }

  /** Keeps an instance of the old blue-green set as a standby for {@code keep}, or deletes it when zero. */
  record Retire(String host, String instance, Duration keep) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return keep.isZero() ? "delete " + instance : "keep " + instance + " as a standby for " + Durations.text(keep);
    }
  }

  /**
   * The first step of replacing an instance by one made from the updated build of its image: stops
   * it and renames it {@code aside} (its snapshots go with it), out of the edge, so that its name is
   * free. Undone by putting it back, then checking it when it runs a release ({@code release}).
   */
  record SetAside(String host, String instance, String resource, String aside, boolean release)
      implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "set " + instance + " aside as " + aside;
    }

    @Override
    public List<ReleaseStep> undo() {
      PutBack back = new PutBack(host, instance, resource, aside);
      return release ? List.of(back, new AwaitHealthy(host, instance)) : List.of(back);
    }
  }

  /**
   * Brings back the instance {@link SetAside set aside}: renamed back (a replacement left under its
   * name is deleted first), started, and added to its edge backends with no traffic (an {@code
   * enable} that follows gives it its weight). When {@code aside} is gone, deleted once the
   * replacement passed its checks, the replacement stays.
   */
  record PutBack(String host, String instance, String resource, String aside) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "put " + aside + " back as " + instance;
    }
  }

  /**
   * Creates {@code instance} anew from {@code image}, whose alias names an updated build, with the
   * spec the plan has for it (same name, config, limits, devices, profiles and files), and starts
   * it. Undone by deleting it.
   */
  record CreateReplacement(String host, String instance, String resource, String image, String aside)
      implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "create " + instance + " from " + image + " (its updated build)";
    }

    @Override
    public List<ReleaseStep> undo() {
      return List.of(new DeleteReplacement(host, instance, resource, aside));
    }
  }

  /**
   * Takes a replacement out of the edge and deletes it, only while the instance it replaces is
   * still set aside as {@code aside}: otherwise it is the only copy, and stays.
   */
  record DeleteReplacement(String host, String instance, String resource, String aside) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "delete the new " + instance;
    }
  }

  /**
   * Deletes the instance set aside, with its snapshots, once its replacement serves: from then on
   * the replacement is final ({@link #commits}), and a later failure does not undo it.
   */
  record DeleteAside(String host, String instance, String aside) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public boolean commits() {
      return true;
    }

    @Override
    public String describe() {
      return "delete " + aside;
    }
  }

  /**
   * The first step of moving an instance to another host ({@link io.cul8er.plan.Move}): creates it on
   * {@code host} from the spec the plan has for it, and starts it, while the instance of that name
   * on {@code from} still serves. Undone by deleting it again.
   */
  record CreateMoved(String host, String instance, String resource, String image, String from)
      implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "create " + instance + " on " + host + " from " + image + " (moving from " + from + ")";
    }

    @Override
    public List<ReleaseStep> undo() {
      return List.of(new DeleteMovedIn(host, instance, resource, from));
    }
  }

  /**
   * Deletes the instance a move created on {@code host}, while the one on {@code from} still exists:
   * otherwise it is the only copy, and stays.
   */
  record DeleteMovedIn(String host, String instance, String resource, String from) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "delete the new " + instance + " on " + host;
    }
  }

  /**
   * Points the instance's server in every edge at its copy on {@code to} instead of {@code from}
   * (the edges are rewritten and reloaded, connections kept), then waits for each edge's checks to
   * pass on it and enables it: from then on no new request reaches the one on {@code from}, and the
   * resource has served with all its instances throughout. Undone by handing it back.
   */
  record HandOver(String resource, String instance, String from, String to) implements ReleaseStep {
    @Override
    public String host() {
      return to;
    }

    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "hand " + instance + "'s traffic over from " + from + " to " + to + " in every edge";
    }

    @Override
    public List<ReleaseStep> undo() {
      return List.of(new HandOver(resource, instance, to, from));
    }
  }

  /**
   * Deletes the instance a move left on {@code host} once its copy on {@code to} serves: from then
   * on the move is final ({@link #commits}).
   */
  record DeleteMovedAway(String host, String instance, String resource, String to) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public boolean commits() {
      return true;
    }

    @Override
    public String describe() {
      return "delete " + instance + " on " + host;
    }
  }

  /** Starts or reloads the host's edge so that it serves the topology's running release instances. */
  record EnsureEdge(String host) implements ReleaseStep {
    @Override
    public String subject() {
      return "edge";
    }

    @Override
    public String describe() {
      return "bring the edge on " + host + " in line";
    }
  }

  /** Waits until every member of the cluster sees all the others. */
  record AwaitCluster(String cluster, int members) implements ReleaseStep {
    @Override
    public String host() {
      return "";
    }

    @Override
    public String subject() {
      return cluster;
    }

    @Override
    public String describe() {
      return "wait until the " + members + " member(s) of cluster " + cluster + " see each other";
    }
  }

  /** Deletes the rollout snapshots of the instance beyond the newest {@code retain}. */
  record PruneSnapshots(String host, String instance, int retain) implements ReleaseStep {
    @Override
    public String subject() {
      return instance;
    }

    @Override
    public String describe() {
      return "keep the newest " + retain + " snapshot(s) of " + instance;
    }
  }
}
