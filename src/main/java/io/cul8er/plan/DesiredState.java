package io.cul8er.plan;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Resource;
import io.cul8er.model.Slot;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every instance a topology asks for, and a hash of all of them (host, name and config hash), so a
 * saved plan can tell whether the topology it was made from has changed. A blue-green resource is
 * asked for in its live slot, which the recorded state tells ({@link #liveSlot}).
 */
public record DesiredState(String topology, List<InstanceSpec> specs, Map<String, Set<Integer>> edgePorts,
    List<TlsCertificate> certificates, Map<String, Map<Integer, List<String>>> edgeNames) {

  /** {@code edgeNames}: per host, the host names each port claimed by name answers ({@code domains:}). */
  public DesiredState {
    specs = List.copyOf(specs);
    certificates = List.copyOf(certificates);
    Map<String, Set<Integer>> ports = new TreeMap<>();
    edgePorts.forEach((host, p) -> ports.put(host, Set.copyOf(new TreeSet<>(p))));
    edgePorts = Collections.unmodifiableMap(ports);
    Map<String, Map<Integer, List<String>>> names = new TreeMap<>();
    edgeNames.forEach((host, n) -> names.put(host, Collections.unmodifiableMap(new TreeMap<>(n))));
    edgeNames = Collections.unmodifiableMap(names);
  }

  /** Every port answering every name. */
  public DesiredState(String topology, List<InstanceSpec> specs, Map<String, Set<Integer>> edgePorts,
      List<TlsCertificate> certificates) {
    this(topology, specs, edgePorts, certificates, Map.of());
  }

  /** No TLS service. */
  public DesiredState(String topology, List<InstanceSpec> specs, Map<String, Set<Integer>> edgePorts) {
    this(topology, specs, edgePorts, List.of());
  }

  /** Instances only, no edge: what a destroy wants. */
  public DesiredState(String topology, List<InstanceSpec> specs) {
    this(topology, specs, Map.of());
  }

  /** This state with the certificates its TLS services serve (read from the topology's files). */
  public DesiredState withCertificates(List<TlsCertificate> served) {
    return new DesiredState(topology, specs, edgePorts, served, edgeNames);
  }

  private static DesiredState withEdges(Topology topology, List<InstanceSpec> specs) {
    Map<String, Set<Integer>> ports = new TreeMap<>();
    Map<String, Map<Integer, List<String>>> names = new TreeMap<>();
    for (InstanceSpec spec : specs) {
      topology.resource(spec.resource()).ifPresent(resource -> resource.exposes().stream()
          .filter(resource::servedByEdge)
          .forEach(expose -> {
            Set<Integer> onHost = ports.computeIfAbsent(spec.host(), h -> new TreeSet<>());
            onHost.add(expose.as());
            expose.tls().redirectFrom().ifPresent(onHost::add);
            if (!expose.domains().isEmpty()) {
              Map<Integer, List<String>> named = names.computeIfAbsent(spec.host(), h -> new TreeMap<>());
              named.put(expose.as(), expose.domains());
              expose.tls().redirectFrom().ifPresent(from -> named.put(from, expose.domains()));
            }
          }));
    }
    return new DesiredState(topology.name(), specs, ports, List.of(), names);
  }

  /**
   * As if nothing were recorded: blue-green resources in their blue slot, secret digests keyed by
   * {@code lineage}.
   */
  public static DesiredState of(Topology topology, SecretResolver secrets, String lineage) {
    return withEdges(topology, new InstanceRenderer(secrets, lineage).render(topology));
  }

  /** Blue-green resources in the live slot {@code prior} records for them; secret digests keyed by its lineage. */
  public static DesiredState of(Topology topology, SecretResolver secrets, StateSnapshot prior) {
    Map<String, Slot> liveSlots = new LinkedHashMap<>();
    for (Resource resource : topology.resources()) {
      if (Slot.appliesTo(topology, resource)) {
        liveSlots.put(resource.name(), liveSlot(prior, resource.name()));
      }
    }
    return withEdges(topology, new InstanceRenderer(secrets, prior.lineage()).render(topology, liveSlots));
  }

  /**
   * The slot that serves {@code resource}: the {@code user.cul8er.slot} recorded on its instances
   * that are not a standby (no {@code user.cul8er.standby-until}); blue when there are none. An
   * instance recorded without a slot is blue (its name has no suffix). Should the live instances
   * disagree (a switch interrupted before the old set was marked as standby), the slot most of them
   * have wins, and blue on a tie.
   */
  public static Slot liveSlot(Topology topology, StateSnapshot prior, String resource) {
    if (topology.resource(resource).isEmpty()) {
      throw new PlanException(
          "Cannot tell the live slot of resource " + resource + ": topology " + topology.name() + " has no such resource");
    }
    return liveSlot(prior, resource);
  }

  private static Slot liveSlot(StateSnapshot prior, String resource) {
    Map<Slot, Integer> live = new EnumMap<>(Slot.class);
    for (RecordedInstance instance : prior.instances()) {
      if (instance.resource().equals(resource) && !instance.config().containsKey(ConfigKeys.STANDBY_UNTIL)) {
        Slot slot = Slot.ofLabel(instance.config().getOrDefault(ConfigKeys.SLOT, "")).orElse(Slot.BLUE);
        live.merge(slot, 1, Integer::sum);
      }
    }
    return live.getOrDefault(Slot.GREEN, 0) > live.getOrDefault(Slot.BLUE, 0) ? Slot.GREEN : Slot.BLUE;
  }

  public String hash() {
    return "sha256:"
        + Hashing.sha256Hex(
            specs.stream()
                .sorted(Comparator.comparing(InstanceSpec::host).thenComparing(InstanceSpec::instanceName))
                .map(s -> s.host() + "/" + s.instanceName() + "=" + s.configHash() + "\n")
                .collect(Collectors.joining())
            + edgePorts.entrySet().stream().map(e -> "edge " + e.getKey() + "=" + e.getValue() + "\n")
                .collect(Collectors.joining())
            + certificates.stream().map(c -> "tls " + c.service() + "=" + c.digest() + "\n")
                .collect(Collectors.joining())
            + edgeNames.entrySet().stream().map(e -> "names " + e.getKey() + "=" + e.getValue() + "\n")
                .collect(Collectors.joining()));
  }
}
