package io.cul8er.plan;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Compares desired (the topology), recorded (the state) and actual (Incus) and says what to do.
 * Pure: it reads its three inputs and returns a {@link Plan}. Instances are matched by host and
 * name, so an instance moving to another host is destroyed there and created here; for an instance
 * of a release that pair is a {@link Move}, which the release phase carries out (new one first).
 *
 * <p>An instance to create (or replace) from a local image that the observation says its host lacks
 * gets that image copied there from another host or this machine that has it ({@link ImageCopy});
 * when none has it, or for an unknown image remote, it is an {@link ImageProblem}: apply refuses
 * the plan ({@link MissingImages}). A kept instance created from an older build of
 * its image than the alias names now is an {@link ImageUpdate}: no change, unless asked for.
 *
 * <p>The old set of a blue-green deploy is not desired but is kept while the instant under {@code
 * user.cul8er.standby-until} in its Incus config is after {@code now} (a {@link Reason#STANDBY}
 * NO_OP), and deleted after it ({@link Reason#STANDBY_EXPIRED}), or at once when its resource is
 * no longer in the topology.
 */
public final class Planner {

  /** {@code now} decides which blue-green standbys have expired; pass the caller's clock. */
  public Plan plan(DesiredState desired, StateSnapshot recorded, Observation actual, Instant now) {
    return new Run(desired, recorded, actual, now).plan();
  }

  /**
   * Without a time: every blue-green standby counts as still kept, none is deleted as expired.
   *
   * @deprecated pass the time: {@link #plan(DesiredState, StateSnapshot, Observation, Instant)}
   */
  @Deprecated
  public Plan plan(DesiredState desired, StateSnapshot recorded, Observation actual) {
    return plan(desired, recorded, actual, Instant.MIN);
  }

  private record Key(String host, String instance) {}

  /** One planning pass; holds the indexes and the lists being built. */
  private static final class Run {
    private final DesiredState desired;
    private final StateSnapshot state;
    private final Set<String> unreachable;
    private final Map<Key, RecordedInstance> recorded = new LinkedHashMap<>();
    private final Map<Key, ObservedInstance> observed = new LinkedHashMap<>();
    private final Map<Key, InstanceSpec> wanted = new LinkedHashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<Drift> drift = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private final List<HostProblem> hostProblems;
    private final ImageCatalog images;
    private final Instant now;
    private final Set<String> desiredResources;
    private final EdgeComparison edges;
    private final Set<String> edgeHeld;

    Run(DesiredState desired, StateSnapshot state, Observation actual, Instant now) {
      this.desired = desired;
      this.now = now;
      this.desiredResources = desired.specs().stream().map(InstanceSpec::resource).collect(Collectors.toSet());
      this.state = state;
      this.unreachable = actual.unreachableHosts();
      this.hostProblems = actual.unreachable();
      this.images = actual.images();
      desired.specs().forEach(s -> wanted.put(new Key(s.host(), s.instanceName()), s));
      state.instances().forEach(r -> recorded.put(new Key(r.host(), r.instanceName()), r));
      actual.instances().forEach(o -> observed.put(new Key(o.host(), o.instanceName()), o));
      this.edges = new EdgeComparison(desired, state, actual);
      this.edgeHeld = actual.edgeHeld();
    }

    Plan plan() {
      wanted.forEach(
          (key, spec) -> {
            if (!unreachable.contains(key.host())) {
              planWanted(spec, recorded.get(key), observed.get(key));
            }
          });
      recorded.forEach(
          (key, record) -> {
            if (!wanted.containsKey(key) && !unreachable.contains(key.host())) {
              planUnwanted(record, observed.get(key));
            }
          });
      observed.forEach(
          (key, instance) -> {
            if (!wanted.containsKey(key) && !recorded.containsKey(key) && ownedByTopology(instance)) {
              String resource = instance.config().get(ConfigKeys.RESOURCE);
              changes.add(
                  standby(instance, resource)
                      .orElseGet(() -> removal(Action.DELETE, instance, resource, Reason.ORPHANED, observedView(instance))));
            }
          });
      List<Change> changes = Move.marked(this.changes);
      MissingImages missing = MissingImages.of(changes, images);
      return new Plan(
          desired.topology(),
          state.lineage(),
          state.serial(),
          desired.hash(),
          changes,
          drift,
          conflicts,
          hostProblems,
          missing.problems(),
          edges.drift(),
          edges.portProblems(),
          imageUpdates(),
          missing.copies(),
          edges.problems(),
          List.of(),
          desired.certificates().stream()
              .map(c -> c.withRecorded(Optional.ofNullable(state.certificates().get(c.service())))).toList());
    }

    /**
     * Kept instances (not created, replaced or removed) whose {@code volatile.base_image} is not
     * the build their local alias names now, when the refresh read that alias on their host.
     */
    private List<ImageUpdate> imageUpdates() {
      List<ImageUpdate> updates = new ArrayList<>();
      for (Change change : changes) {
        boolean kept = change.after().isPresent() && !change.createsInstance() && change.before().isPresent();
        ObservedInstance instance = observed.get(new Key(change.host(), change.instance()));
        if (!kept || instance == null) {
          continue;
        }
        var image = change.after().get().spec().image();
        String running = instance.config().get(ConfigKeys.BASE_IMAGE);
        images.target(change.host(), image).filter(current -> running != null && !current.equals(running))
            .ifPresent(current -> updates.add(new ImageUpdate(change.instance(), change.resource(), change.host(),
                image.toString(), running, current)));
      }
      return updates;
    }

    private void planWanted(InstanceSpec spec, RecordedInstance record, ObservedInstance instance) {
      if (instance == null) {
        Reason reason = record == null ? Reason.NEW_RESOURCE : Reason.DELETED_OUTSIDE;
        if (record != null) {
          drift.add(new Drift(spec.instanceName(), spec.resource(), spec.host(), reason, List.of()));
        }
        List<AttributeChange> attributes =
            AttributeChange.between(Map.of(), Attributes.comparable(Attributes.of(spec), Map.of()), Set.of());
        changes.add(change(Action.CREATE, spec, Optional.empty(), reason, attributes));
        return;
      }
      Optional<String> problem = ownershipProblem(instance, spec.resource());
      if (problem.isPresent()) {
        conflicts.add(new Conflict(spec.instanceName(), spec.host(), problem.get()));
        return;
      }
      Set<String> secrets =
          Attributes.secretNames(
              spec.config(), instance.config(), record == null ? Map.of() : record.config());
      SortedMap<String, String> actual = Attributes.of(instance, secrets);
      if (edgeHeld.contains(spec.instanceName())) {
        actual = Attributes.withoutEdge(actual); // the agent's or a held canary's: not compared, not undone
      }
      if (record != null) {
        recordDrift(spec, record, instance, secrets, actual);
      }
      List<AttributeChange> attributes = AttributeChange.between(
          actual, Attributes.comparable(Attributes.of(spec), actual), Attributes.FORCING_REPLACEMENT);
      Before before = new Before(actual, Optional.of(instance.status()));
      Action action = action(attributes, instance);
      changes.add(change(action, spec, Optional.of(before), reason(action, attributes, spec, record), attributes));
    }

    private void recordDrift(
        InstanceSpec spec,
        RecordedInstance record,
        ObservedInstance instance,
        Set<String> secrets,
        SortedMap<String, String> actual) {
      List<AttributeChange> changedOutside =
          AttributeChange.between(
              Attributes.comparable(Attributes.of(record, secrets), actual), Attributes.withoutProfiles(actual),
              Set.of());
      if (!changedOutside.isEmpty()) {
        drift.add(
            new Drift(spec.instanceName(), spec.resource(), spec.host(), Reason.CHANGED_OUTSIDE, changedOutside));
      }
      if (!instance.isRunning()) {
        drift.add(
            new Drift(spec.instanceName(), spec.resource(), spec.host(), Reason.STOPPED_OUTSIDE, List.of()));
      }
    }

    private static Action action(List<AttributeChange> attributes, ObservedInstance instance) {
      if (attributes.stream().anyMatch(AttributeChange::forcesReplacement)) {
        return Action.REPLACE;
      }
      if (!attributes.isEmpty()) {
        return Action.UPDATE;
      }
      return instance.isRunning() ? Action.NO_OP : Action.START;
    }

    private static Reason reason(
        Action action, List<AttributeChange> attributes, InstanceSpec spec, RecordedInstance record) {
      if (action == Action.REPLACE) {
        boolean typeChanged = attributes.stream().anyMatch(a -> a.key().equals(Attributes.TYPE));
        return typeChanged
            ? Reason.TYPE_CHANGED_FORCES_REPLACEMENT
            : Reason.IMAGE_CHANGED_FORCES_REPLACEMENT;
      }
      if (record == null) {
        return Reason.ADOPTED;
      }
      if (action == Action.UPDATE && Attributes.onlyRelease(attributes)) {
        boolean asRecorded = spec.release().map(r -> Optional.of(r.version()).equals(record.version())).orElse(false);
        return asRecorded ? Reason.CHANGED_INSIDE : Reason.RELEASE_CHANGED;
      }
      return switch (action) {
        case UPDATE ->
            spec.configHash().equals(record.configHash())
                ? Reason.CHANGED_OUTSIDE
                : Reason.CONFIG_CHANGED;
        case START -> Reason.STOPPED_OUTSIDE;
        default -> Reason.UNCHANGED;
      };
    }

    private void planUnwanted(RecordedInstance record, ObservedInstance instance) {
      if (instance == null) {
        drift.add(
            new Drift(record.instanceName(), record.resource(), record.host(), Reason.DELETED_OUTSIDE, List.of()));
        Before before =
            new Before(Attributes.of(record, Attributes.secretNames(record.config())), Optional.empty());
        changes.add(
            new Change(
                Action.FORGET,
                record.instanceName(),
                record.resource(),
                record.host(),
                Optional.of(before),
                Optional.empty(),
                Reason.NO_LONGER_IN_CONFIG,
                List.of()));
        return;
      }
      Optional<String> problem = ownershipProblem(instance, record.resource());
      if (problem.isPresent()) {
        conflicts.add(new Conflict(record.instanceName(), record.host(), problem.get()));
        return;
      }
      changes.add(
          standby(instance, record.resource())
              .orElseGet(
                  () -> removal(Action.DELETE, instance, record.resource(), Reason.NO_LONGER_IN_CONFIG, observedView(instance))));
    }

    /**
     * The change of an undesired instance that Incus says is a blue-green standby of a resource
     * still in the topology: kept until its time ends, then deleted. Empty for any other instance
     * (also when the instant cannot be read: it is then removed like any undesired instance).
     */
    private Optional<Change> standby(ObservedInstance instance, String resource) {
      String until = instance.config().get(ConfigKeys.STANDBY_UNTIL);
      if (until == null || !desiredResources.contains(resource)) {
        return Optional.empty();
      }
      Instant end;
      try {
        end = Instant.parse(until);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
      boolean kept = end.isAfter(now);
      return Optional.of(
          new Change(
              kept ? Action.NO_OP : Action.DELETE,
              instance.instanceName(),
              resource,
              instance.host(),
              Optional.of(new Before(observedView(instance), Optional.of(instance.status()))),
              Optional.empty(),
              kept ? Reason.STANDBY : Reason.STANDBY_EXPIRED,
              List.of(),
              Optional.of(end)));
    }

    private static SortedMap<String, String> observedView(ObservedInstance instance) {
      return Attributes.of(instance, Attributes.secretNames(instance.config()));
    }

    private static Change removal(
        Action action,
        ObservedInstance instance,
        String resource,
        Reason reason,
        SortedMap<String, String> view) {
      return new Change(
          action,
          instance.instanceName(),
          resource,
          instance.host(),
          Optional.of(new Before(view, Optional.of(instance.status()))),
          Optional.empty(),
          reason,
          List.of());
    }

    private static Change change(
        Action action,
        InstanceSpec spec,
        Optional<Before> before,
        Reason reason,
        List<AttributeChange> attributes) {
      return new Change(
          action,
          spec.instanceName(),
          spec.resource(),
          spec.host(),
          before,
          Optional.of(new After(spec)),
          reason,
          attributes);
    }

    private boolean ownedByTopology(ObservedInstance instance) {
      return "true".equals(instance.config().get(ConfigKeys.MANAGED))
          && desired.topology().equals(instance.config().get(ConfigKeys.TOPOLOGY));
    }

    /** Why C U L8er must not touch this instance on behalf of {@code resource}, if it must not. */
    private Optional<String> ownershipProblem(ObservedInstance instance, String resource) {
      Map<String, String> config = instance.config();
      String where = "an instance named " + instance.instanceName() + " exists on host " + instance.host();
      if (!"true".equals(config.get(ConfigKeys.MANAGED))) {
        return Optional.of(where + " and C U L8er does not manage it (no " + ConfigKeys.MANAGED + "=true)");
      }
      String topology = config.get(ConfigKeys.TOPOLOGY);
      if (!desired.topology().equals(topology)) {
        return Optional.of(where + " and belongs to topology " + topology + ", not " + desired.topology());
      }
      String owner = config.get(ConfigKeys.RESOURCE);
      if (!resource.equals(owner)) {
        return Optional.of(where + " and belongs to resource " + owner + ", not " + resource);
      }
      return Optional.empty();
    }
  }
}
