package io.cul8er.engine;

import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import io.cul8er.plan.Change;
import io.cul8er.plan.Conflict;
import io.cul8er.plan.EdgeProblem;
import io.cul8er.plan.HostProblem;
import io.cul8er.plan.ImageProblem;
import io.cul8er.plan.PortProblem;
import io.cul8er.plan.Plan;
import io.cul8er.plan.SavedPlan;
import io.cul8er.release.Artifacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an apply checks after planning and before touching anything. Each failed check throws a
 * {@link Cul8erException} saying why the run is refused.
 */
final class Preflight {
  private final Secrets secrets;
  private final boolean partial;

  Preflight(Secrets secrets, boolean partial) {
    this.secrets = secrets;
    this.partial = partial;
  }

  /** The plan to execute: {@code saved} when given and still fresh, else the fresh one. */
  Plan check(Topology topology, String operation, Optional<SavedPlan> saved, PlanResult fresh) {
    Plan plan = saved.map(s -> checkSaved(s, fresh)).orElse(fresh.plan());
    refuseUnsupported(topology, operation);
    if (!"destroy".equals(operation)) {
      readClusterSecrets(topology);
      findArtifactsOfNewInstances(plan);
    }
    refuseUnsafe(plan, fresh.plan());
    return plan;
  }

  private static Plan checkSaved(SavedPlan saved, PlanResult fresh) {
    saved.checkFresh(fresh.prior()).ifPresent(problem -> {
      throw new Cul8erException(problem);
    });
    if (!saved.plan().desiredHash().equals(fresh.plan().desiredHash())) {
      throw new Cul8erException(
          "The saved plan for " + saved.plan().topology()
              + " was made from other topology files or secrets than the current ones; make a new plan");
    }
    return saved.plan();
  }

  private static void refuseUnsupported(Topology topology, String operation) {
    List<String> unsupported = Capabilities.notYetSupported(topology);
    if (!unsupported.isEmpty() && !"destroy".equals(operation)) {
      throw new Cul8erException("Refusing to " + operation + " topology " + topology.name()
          + ": it uses settings this version does not apply yet (nothing was changed):\n  "
          + String.join("\n  ", unsupported));
    }
  }

  /**
   * A new instance needs its release's artifact: a missing one fails the run before anything
   * changes. (Updates find theirs while staging, before any instance is drained; a version that
   * an instance already has unpacked, as in a rollback, needs none.)
   */
  private static void findArtifactsOfNewInstances(Plan plan) {
    plan.changes().stream()
        .filter(Change::createsInstance)
        .flatMap(c -> c.after().stream()).map(a -> a.spec().release()).flatMap(Optional::stream).distinct()
        .forEach(release -> Artifacts.locate(release, release.version()));
  }

  /** A cookie that cannot be read fails the run before anything changes. */
  private void readClusterSecrets(Topology topology) {
    topology.clusters().forEach(cluster -> cluster.cookie().ifPresent(ref ->
        secrets.value("cluster " + cluster.name(), "cookie", ref)));
  }

  /**
   * Refuses conflicts, instances to create whose image their host lacks, public ports held by
   * others, hosts whose edge is not installed, and unreachable hosts
   * unless {@code --partial}: those of the plan to run and those of the refresh just made, since a
   * saved plan's hosts (and images) may have gone away since.
   */
  private void refuseUnsafe(Plan plan, Plan fresh) {
    if (plan.hasConflicts()) {
      throw new Cul8erException(
          "Refusing to apply: " + plan.conflicts().stream().map(Preflight::describe).collect(Collectors.joining("; ")));
    }
    Map<String, ImageProblem> images = byHostAnd(plan.imageProblems(), fresh.imageProblems(),
        p -> p.host() + "/" + p.instance());
    if (!images.isEmpty()) {
      throw new Cul8erException("Refusing to apply (nothing was changed): "
          + images.values().stream().map(Preflight::describe).collect(Collectors.joining("; ")));
    }
    Map<String, PortProblem> ports = byHostAnd(plan.portProblems(), fresh.portProblems(),
        p -> p.host() + "/" + p.port());
    if (!ports.isEmpty()) {
      throw new Cul8erException("Refusing to apply (nothing was changed): "
          + ports.values().stream().map(PortProblem::describe).collect(Collectors.joining("; "))
          + "; choose another `as:` port, or stop what holds it");
    }
    Map<String, EdgeProblem> edges = byHostAnd(plan.edgeProblems(), fresh.edgeProblems(), EdgeProblem::host);
    if (!edges.isEmpty()) {
      throw new Cul8erException("Refusing to apply (nothing was changed): "
          + edges.values().stream().map(p -> "edge on " + p.host() + ": " + p.problem()).collect(Collectors.joining("; "))
          + " (log in as root or a passwordless sudoer for it: cul8er setup " + plan.topology() + " --user USER --key FILE)");
    }
    Map<String, HostProblem> unreachable = byHostAnd(plan.unreachable(), fresh.unreachable(), HostProblem::host);
    if (!unreachable.isEmpty() && !partial) {
      throw new Cul8erException(
          "Refusing to apply while hosts are unreachable (no host was touched): "
              + unreachable.values().stream().map(Preflight::describe).collect(Collectors.joining("; ")));
    }
  }

  /** The problems of both plans, one per key, sorted by it. */
  private static <T> Map<String, T> byHostAnd(List<T> planned, List<T> fresh, Function<T, String> key) {
    Map<String, T> merged = new TreeMap<>();
    planned.forEach(problem -> merged.put(key.apply(problem), problem));
    fresh.forEach(problem -> merged.put(key.apply(problem), problem));
    return merged;
  }

  private static String describe(Conflict conflict) {
    return conflict.instance() + " on " + conflict.host() + ": " + conflict.problem();
  }

  private static String describe(ImageProblem problem) {
    return problem.instance() + " on " + problem.host() + ": " + problem.problem();
  }

  private static String describe(HostProblem problem) {
    return "host " + problem.host() + ": " + problem.reason();
  }
}
