package io.cul8er.plan;

import io.cul8er.model.InstanceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An instance that changes host (its host left the resource's {@code on:}, or the replicas were
 * spread anew): the plan creates {@code spec} on {@code to} ({@link Reason#MOVED_HERE}) and deletes
 * the instance of that name on {@code from} ({@link Reason#MOVED_AWAY}). Neither is an instance
 * step: the release phase creates the new one (and releases, checks and enables it, for an
 * instance of a release) before it deletes the old one, so that the resource never serves with
 * fewer instances. {@code create} is false when the new one exists already (a deploy stopped
 * part-way through the move): only the hand-over and the delete are left. A blue-green resource's
 * instances are no moves: its whole set moves ({@link Reason#SET_MOVED_HERE}).
 */
public record Move(InstanceSpec spec, String from, boolean create) {

  public String instance() {
    return spec.instanceName();
  }

  public String resource() {
    return spec.resource();
  }

  public String to() {
    return spec.host();
  }

  /** The moves of a plan, in the order of its changes. */
  public static List<Move> of(List<Change> changes) {
    List<Move> moves = new ArrayList<>();
    for (Change away : changes) {
      if (away.reason() == Reason.MOVED_AWAY) {
        counterpart(changes, away).ifPresent(here -> moves.add(
            new Move(here.after().orElseThrow().spec(), away.host(), here.reason() == Reason.MOVED_HERE)));
      }
    }
    return List.copyOf(moves);
  }

  /**
   * {@code changes} with each delete of an instance that the topology now wants, under the same
   * name, on another host marked as a move: the create there too, or, when the new one exists
   * already, the delete only. An instance with or without a release moves so (see {@link Move}); a
   * blue-green resource's instance (slotted) is marked {@link Reason#SET_MOVED_AWAY} and its create
   * {@link Reason#SET_MOVED_HERE}: the whole set moves through a next set and a switch.
   */
  static List<Change> marked(List<Change> changes) {
    List<Change> marked = new ArrayList<>(changes);
    for (int j = 0; j < marked.size(); j++) {
      Change away = marked.get(j);
      if (away.action() != Action.DELETE || away.reason() != Reason.NO_LONGER_IN_CONFIG) {
        continue;
      }
      Optional<Change> here = counterpart(marked, away);
      if (here.isEmpty()) {
        continue;
      }
      boolean slotted = here.get().after().orElseThrow().spec().config().containsKey(ConfigKeys.SLOT);
      boolean creates = here.get().action() == Action.CREATE && here.get().reason() == Reason.NEW_RESOURCE;
      if (slotted && !creates) {
        continue;
      }
      marked.set(j, withReason(away, slotted ? Reason.SET_MOVED_AWAY : Reason.MOVED_AWAY));
      if (creates) {
        marked.set(marked.indexOf(here.get()), withReason(here.get(), slotted ? Reason.SET_MOVED_HERE : Reason.MOVED_HERE));
      }
    }
    return marked;
  }

  /** The change of the instance of that name and resource the topology wants on another host. */
  private static Optional<Change> counterpart(List<Change> changes, Change away) {
    return changes.stream().filter(c -> c.after().isPresent() && c.instance().equals(away.instance())
        && c.resource().equals(away.resource()) && !c.host().equals(away.host())).findFirst();
  }

  private static Change withReason(Change change, Reason reason) {
    return new Change(change.action(), change.instance(), change.resource(), change.host(), change.before(),
        change.after(), reason, change.attributes());
  }
}
