package io.cul8er.plan;

import io.cul8er.model.Image;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which hosts' image aliases a plan needs: those of hosts where an instance is to be created from
 * a local image. A refresh reads them for the hosts {@link #likelyHosts likely} to need them, at
 * the same time as their instances; a host found to need them only by the plan is read after. It
 * also looks up, at the same time, the build each local alias of a kept instance names now ({@link
 * #driftChecks}), to see image drift.
 */
public final class ImageNeeds {
  private ImageNeeds() {}

  /** Whether the change creates an instance, and so needs its image. */
  public static boolean needsImage(Change change) {
    return change.createsInstance() && change.after().isPresent();
  }

  /**
   * Hosts where a desired instance from a local image is not recorded, or is recorded with another
   * image or type: it will most likely be created. (One deleted outside is found by the plan.)
   */
  public static Set<String> likelyHosts(DesiredState desired, StateSnapshot recorded) {
    return desired.specs().stream()
        .filter(spec -> spec.image().remote().isEmpty())
        .filter(spec -> recorded.instances().stream().noneMatch(r -> sameImageAndType(spec, r)))
        .map(InstanceSpec::host)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The local image aliases whose current build a refresh looks up, per host, to see image drift:
   * those of the desired instances the state records with that image and type (they most likely
   * exist, and are kept). Each distinct alias once per host; remote images are not looked up.
   */
  public static Map<String, Set<String>> driftChecks(DesiredState desired, StateSnapshot recorded) {
    Map<String, Set<String>> checks = new TreeMap<>();
    desired.specs().stream()
        .filter(spec -> spec.image().remote().isEmpty())
        .filter(spec -> recorded.instances().stream().anyMatch(r -> sameImageAndType(spec, r)))
        .forEach(spec -> checks.computeIfAbsent(spec.host(), h -> new TreeSet<>()).add(spec.image().alias()));
    return checks;
  }

  /** Hosts with a change that needs a local image whose aliases {@code images} does not hold. */
  public static Set<String> uncheckedHosts(Plan plan, ImageCatalog images) {
    return plan.changes().stream()
        .filter(ImageNeeds::needsImage)
        .filter(change -> change.after().orElseThrow().spec().image().remote().isEmpty())
        .map(Change::host)
        .filter(host -> !images.hasAliasesOf(host))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The hosts (and {@link ImageCatalog#THIS_MACHINE}) of {@code candidates} whose image aliases a
   * plan reads to find where to copy an image a host lacks from: when a create lacks a local image
   * (a problem, or a copy from a source already read: the choice among sources needs them all),
   * those whose aliases were not listed yet and that were not found unreachable. Empty when no
   * local image is missing, so a plan without one reads nothing more.
   */
  public static Set<String> sourceHosts(Plan plan, ImageCatalog images, Collection<String> candidates) {
    boolean missing = !plan.imageCopies().isEmpty()
        || plan.imageProblems().stream().anyMatch(p -> Image.parse(p.image()).remote().isEmpty());
    Set<String> unreachable = plan.unreachable().stream().map(HostProblem::host).collect(Collectors.toSet());
    return !missing ? Set.of() : candidates.stream()
        .filter(host -> !images.hasAliasesOf(host) && !unreachable.contains(host))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static boolean sameImageAndType(InstanceSpec spec, RecordedInstance recorded) {
    return recorded.host().equals(spec.host())
        && recorded.instanceName().equals(spec.instanceName())
        && recorded.type() == spec.type()
        && Objects.equals(recorded.image(), spec.image().toString());
  }
}
