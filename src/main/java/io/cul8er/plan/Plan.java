package io.cul8er.plan;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.RouteDrift;
import java.util.List;
import java.util.Optional;

/**
 * The result of comparing desired, recorded and actual state: what to change and why, what changed
 * outside C U L8er, what it refuses to touch, which hosts it could not see, which instances to
 * create have an image their host lacks, which edges must be started or reloaded, which public
 * ports someone else holds, which instances run an older build of their image than its alias
 * names now ({@code imageUpdates}: not changes; {@code deploy --refresh-images} replaces them), and
 * which images are copied to a host that lacks them before its instances are created ({@code
 * imageCopies}), which hosts lack the edge that must serve the topology's ports ({@code
 * edgeProblems}) and what keeps the containers of two hosts from reaching each other ({@code
 * routeDrift}: only {@code cul8er setup} repairs it, apply does not), and the certificate each
 * TLS service serves ({@code certificates}: one the state does not record is a change).
 * {@code lineage} and {@code serial} identify the state the plan was made against.
 */
public record Plan(
    String topology,
    String lineage,
    long serial,
    String desiredHash,
    List<Change> changes,
    List<Drift> drift,
    List<Conflict> conflicts,
    List<HostProblem> unreachable,
    List<ImageProblem> imageProblems,
    List<EdgeDrift> edgeDrift,
    List<PortProblem> portProblems,
    List<ImageUpdate> imageUpdates,
    List<ImageCopy> imageCopies,
    List<EdgeProblem> edgeProblems,
    List<RouteDrift> routeDrift,
    List<TlsCertificate> certificates) {

  public Plan {
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    conflicts = List.copyOf(conflicts);
    unreachable = List.copyOf(unreachable);
    imageProblems = List.copyOf(imageProblems);
    edgeDrift = List.copyOf(edgeDrift);
    portProblems = List.copyOf(portProblems);
    imageUpdates = List.copyOf(imageUpdates);
    imageCopies = List.copyOf(imageCopies);
    edgeProblems = List.copyOf(edgeProblems);
    routeDrift = List.copyOf(routeDrift);
    certificates = List.copyOf(certificates);
  }

  /** A plan of no TLS service. */
  public Plan(String topology, String lineage, long serial, String desiredHash, List<Change> changes,
      List<Drift> drift, List<Conflict> conflicts, List<HostProblem> unreachable, List<ImageProblem> imageProblems,
      List<EdgeDrift> edgeDrift, List<PortProblem> portProblems, List<ImageUpdate> imageUpdates,
      List<ImageCopy> imageCopies, List<EdgeProblem> edgeProblems, List<RouteDrift> routeDrift) {
    this(topology, lineage, serial, desiredHash, changes, drift, conflicts, unreachable, imageProblems, edgeDrift,
        portProblems, imageUpdates, imageCopies, edgeProblems, routeDrift, List.of());
  }

  /** A plan whose hosts' edges were all installed and whose routes between hosts were not checked. */
  public Plan(String topology, String lineage, long serial, String desiredHash, List<Change> changes,
      List<Drift> drift, List<Conflict> conflicts, List<HostProblem> unreachable, List<ImageProblem> imageProblems,
      List<EdgeDrift> edgeDrift, List<PortProblem> portProblems, List<ImageUpdate> imageUpdates,
      List<ImageCopy> imageCopies) {
    this(topology, lineage, serial, desiredHash, changes, drift, conflicts, unreachable, imageProblems, edgeDrift,
        portProblems, imageUpdates, imageCopies, List.of(), List.of());
  }

  /** This plan with no instance changes: what a run that changed none of them reports. */
  public Plan withoutChanges() {
    return new Plan(topology, lineage, serial, desiredHash, List.of(), drift, conflicts, unreachable, imageProblems,
        edgeDrift, portProblems, imageUpdates, imageCopies, edgeProblems, routeDrift, certificates);
  }

  /** This plan with {@code found}, what the hosts' networking keeps apart, as its route drift. */
  public Plan withRouteDrift(List<RouteDrift> found) {
    return new Plan(topology, lineage, serial, desiredHash, changes, drift, conflicts, unreachable, imageProblems,
        edgeDrift, portProblems, imageUpdates, imageCopies, edgeProblems, found, certificates);
  }

  /** A plan that copies no image to a host. */
  public Plan(String topology, String lineage, long serial, String desiredHash, List<Change> changes,
      List<Drift> drift, List<Conflict> conflicts, List<HostProblem> unreachable, List<ImageProblem> imageProblems,
      List<EdgeDrift> edgeDrift, List<PortProblem> portProblems, List<ImageUpdate> imageUpdates) {
    this(topology, lineage, serial, desiredHash, changes, drift, conflicts, unreachable, imageProblems, edgeDrift,
        portProblems, imageUpdates, List.of());
  }

  /** A plan whose images were not compared with their aliases. */
  public Plan(String topology, String lineage, long serial, String desiredHash, List<Change> changes,
      List<Drift> drift, List<Conflict> conflicts, List<HostProblem> unreachable, List<ImageProblem> imageProblems,
      List<EdgeDrift> edgeDrift, List<PortProblem> portProblems) {
    this(topology, lineage, serial, desiredHash, changes, drift, conflicts, unreachable, imageProblems, edgeDrift,
        portProblems, List.of());
  }

  /** A plan whose edges were not checked. */
  public Plan(String topology, String lineage, long serial, String desiredHash, List<Change> changes,
      List<Drift> drift, List<Conflict> conflicts, List<HostProblem> unreachable, List<ImageProblem> imageProblems) {
    this(topology, lineage, serial, desiredHash, changes, drift, conflicts, unreachable, imageProblems, List.of(),
        List.of());
  }

  /** A plan whose images were not checked. */
  public Plan(String topology, String lineage, long serial, String desiredHash, List<Change> changes,
      List<Drift> drift, List<Conflict> conflicts, List<HostProblem> unreachable) {
    this(topology, lineage, serial, desiredHash, changes, drift, conflicts, unreachable, List.of());
  }

  /** How many instances each kind of action touches, for the summary line. */
  public record Summary(int add, int change, int replace, int destroy, int adopt, int forget) {}

  public boolean hasChanges() {
    return changes.stream().anyMatch(Change::isChange) || !edgeDrift.isEmpty() || !certificateChanges().isEmpty();
  }

  /** The TLS services whose edges get another certificate than the state records. */
  public List<TlsCertificate> certificateChanges() {
    return certificates.stream().filter(TlsCertificate::changed).toList();
  }

  public boolean hasConflicts() {
    return !conflicts.isEmpty();
  }

  /**
   * Whether apply must refuse this plan: conflicts, an instance to create whose image is missing,
   * a public port someone else holds, or a host whose edge is not installed.
   */
  public boolean hasErrors() {
    return hasConflicts() || !imageProblems.isEmpty() || !portProblems.isEmpty() || !edgeProblems.isEmpty();
  }

  public Summary summary() {
    return new Summary(
        count(Action.CREATE),
        count(Action.UPDATE) + count(Action.START),
        count(Action.REPLACE),
        count(Action.DELETE),
        (int) changes.stream().filter(c -> c.reason() == Reason.ADOPTED).count(),
        count(Action.FORGET));
  }

  public int count(Action action) {
    return (int) changes.stream().filter(c -> c.action() == action).count();
  }

  /** Exit code of {@code plan --detailed-exitcode}: 0 no changes, 2 changes, 1 errors (see {@link #hasErrors}). */
  public int exitCode() {
    if (hasErrors()) {
      return 1;
    }
    return hasChanges() ? 2 : 0;
  }

  /** The desired spec of every instance that will exist after the apply, blue-green standbys excepted (not desired). */
  public List<InstanceSpec> specs() {
    return changes.stream().flatMap(c -> c.after().stream()).map(After::spec).toList();
  }

  public Optional<Change> change(String host, String instance) {
    return changes.stream()
        .filter(c -> c.host().equals(host) && c.instance().equals(instance))
        .findFirst();
  }

  /** The instances of releases that change host, which the release phase moves (see {@link Move}). */
  public List<Move> moves() {
    return Move.of(changes);
  }
}
