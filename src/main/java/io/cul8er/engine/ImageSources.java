package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.model.Connection;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Topology;
import io.cul8er.plan.ImageCatalog;
import io.cul8er.plan.ImageNeeds;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where an image a host lacks is copied from: another host of the topology, or this machine's own
 * Incus (the deploying machine), which is not a host of the topology unless one of them is local on
 * the same socket. Their aliases are read only when a plan finds a local image missing.
 */
final class ImageSources {
  private ImageSources() {}

  /** This machine's Incus, as {@link HostConnector#deployingMachine()} gives it, at {@code socket}. */
  static Host thisMachine(String socket) {
    return new Host(ImageCatalog.THIS_MACHINE, "localhost", "local", new Connection.LocalSocket(socket, SourcePos.NONE),
        SourcePos.NONE);
  }

  /**
   * The deploying machine's Incus as a source of images, unless a host of {@code topology} is that
   * daemon already (a local host on the same socket), or it has none.
   */
  static Optional<Host> thisMachine(Topology topology, HostConnector connector) {
    return connector.deployingMachine().filter(machine -> topology.hosts().stream()
        .noneMatch(host -> host.connection() instanceof Connection.LocalSocket local
            && machine.connection() instanceof Connection.LocalSocket mine
            && local.socketPath().equals(mine.socketPath())));
  }

  /**
   * {@code observed} with the aliases of the hosts (and this machine) an image missing from
   * {@code plan} may be copied from, when some are to be read; else {@code observed} itself.
   */
  static Observation read(Refresher refresher, Topology topology, Observation observed, Plan plan,
      Optional<Host> thisMachine) {
    List<String> candidates = new ArrayList<>(topology.hosts().stream().map(Host::name).toList());
    thisMachine.ifPresent(machine -> candidates.add(machine.name()));
    Set<String> sources = ImageNeeds.sourceHosts(plan, observed.images(), candidates);
    return sources.isEmpty() ? observed : refresher.withImageSources(topology, observed, sources, thisMachine);
  }

  /** The Incus API of {@code source}: a host of {@code topology}, or this machine. */
  static IncusApi api(String source, Topology topology, Connections connections, HostConnector connector) {
    Optional<Host> host = topology.host(source)
        .or(() -> thisMachine(topology, connector).filter(machine -> machine.name().equals(source)));
    return connections.of(host.orElseThrow(() -> new Cul8erException("The image is to be copied from `" + source
        + "`, which is neither a host of topology " + topology.name() + " nor this machine's Incus; make a new plan")));
  }
}
