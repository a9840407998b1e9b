package io.cul8er.setup;

import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import io.cul8er.network.NetworkFacts;
import io.cul8er.network.PeerAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The fleet phase of setup, after every host is prepared on its own: probe every ready host
 * (with the addresses of the others), plan the routes between them ({@link FleetNetwork}), run
 * each host's steps, all hosts at once, and probe again, at most {@value HostSetup#ROUNDS} rounds.
 */
final class FleetSetup {
  private FleetSetup() {}

  /** The network lines of each host that was ready after its own preparation, by name. */
  static Map<String, List<SetupReport.Line>> run(String topology, List<Host> hosts, Map<String, SetupReport> prepared,
      Map<String, Shell> shells, HostAccess access, ExecutorService pool) {
    List<Host> ready = hosts.stream()
        .filter(h -> prepared.get(h.name()).ready() && shells.containsKey(h.name())).toList();
    Map<String, PeerAddress> addresses = new LinkedHashMap<>();
    Map<String, String> absence = new ConcurrentHashMap<>();
    for (Host host : hosts) {
      addresses.put(host.name(), address(host, access, absence));
      if (!ready.contains(host) && !absence.containsKey(host.name())) {
        absence.put(host.name(), prepared.get(host.name()).lines().stream().anyMatch(l -> l.what().equals("connect"))
            ? "could not be reached" : "is not ready (see its lines)");
      }
    }
    Map<String, List<SetupReport.Line>> done = new LinkedHashMap<>();
    ready.forEach(host -> done.put(host.name(), new ArrayList<>()));
    Set<String> failed = new HashSet<>();
    Map<String, List<SetupStep>> plan = Map.of();
    for (int round = 0; ; round++) {
      List<FleetMember> members = probe(hosts, ready, addresses, absence, shells, access, pool, done);
      plan = FleetNetwork.plan(topology, members);
      Map<String, List<SetupStep.Run>> runs = new LinkedHashMap<>();
      plan.forEach((name, steps) -> {
        if (!failed.contains(name) && !HostSetup.runs(steps).isEmpty()) {
          runs.put(name, HostSetup.runs(steps));
        }
      });
      if (runs.isEmpty() || round == HostSetup.ROUNDS) {
        break;
      }
      List<Callable<Boolean>> work = new ArrayList<>();
      runs.forEach((name, steps) -> work.add(() -> HostSetup.runAll(steps, shells.get(name), done.get(name))));
      List<Boolean> results = Setup.together(pool, work);
      List<String> names = List.copyOf(runs.keySet());
      for (int i = 0; i < names.size(); i++) {
        if (!results.get(i)) {
          failed.add(names.get(i));
        }
      }
    }
    Map<String, List<SetupReport.Line>> lines = new LinkedHashMap<>();
    for (Host host : ready) {
      List<SetupReport.Line> all = new ArrayList<>(done.get(host.name()));
      if (!failed.contains(host.name())) {
        plan.getOrDefault(host.name(), List.of()).forEach(step -> all.add(HostSetup.line(step)));
      }
      lines.put(host.name(), all);
    }
    return lines;
  }

  /** Probes every ready host; one whose probe fails gets a line saying so and is absent for the others. */
  private static List<FleetMember> probe(List<Host> hosts, List<Host> ready, Map<String, PeerAddress> addresses,
      Map<String, String> absence, Map<String, Shell> shells, HostAccess access, ExecutorService pool,
      Map<String, List<SetupReport.Line>> done) {
    List<Callable<Optional<FleetMember>>> probes = new ArrayList<>();
    for (Host host : ready) {
      List<String> peers = hosts.stream().filter(h -> h != host)
          .flatMap(h -> addresses.get(h.name()).lookedUp().stream()).distinct().toList();
      probes.add(() -> {
        if (absence.containsKey(host.name())) {
          return Optional.empty();
        }
        try {
          String output = HostSetup.probe(host, shells.get(host.name()), access.deployUser(host), peers);
          return Optional.of(FleetMember.found(host.name(), addresses.get(host.name()), HostFacts.parse(output),
              NetworkFacts.parse(output)));
        } catch (Cul8erException e) {
          synchronized (done) {
            done.get(host.name()).add(new SetupReport.Line(SetupReport.Status.FAILED, "network", e.getMessage()));
            absence.put(host.name(), "could not be probed");
          }
          return Optional.empty();
        }
      });
    }
    List<Optional<FleetMember>> found = Setup.together(pool, probes);
    List<FleetMember> members = new ArrayList<>();
    for (Host host : hosts) {
      int at = ready.indexOf(host);
      members.add(at >= 0 && found.get(at).isPresent() ? found.get(at).get()
          : FleetMember.absent(host.name(), addresses.get(host.name()), absence.get(host.name())));
    }
    return members;
  }

  private static PeerAddress address(Host host, HostAccess access, Map<String, String> absence) {
    try {
      return PeerAddress.of(access.address(host), host.isLocal());
    } catch (Cul8erException e) {
      absence.put(host.name(), "has no address: " + e.getMessage());
      return PeerAddress.of(host.address(), host.isLocal());
    }
  }
}
