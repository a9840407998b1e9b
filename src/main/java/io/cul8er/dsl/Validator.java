package io.cul8er.dsl;

import io.cul8er.model.Approach;
import io.cul8er.model.BlueGreen;
import io.cul8er.model.Canary;
import io.cul8er.model.Cluster;
import io.cul8er.model.Connection;
import io.cul8er.model.EnvVar;
import io.cul8er.model.Expose;
import io.cul8er.model.FileSpec;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Host;
import io.cul8er.model.InstanceNames;
import io.cul8er.model.Limits;
import io.cul8er.model.Positioned;
import io.cul8er.model.Protocol;
import io.cul8er.model.Resource;
import io.cul8er.model.ServiceGroup;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Strategy;
import io.cul8er.model.Topology;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Semantic checks on finished topologies, whichever front end built them: names, references,
 * limits, ports, Incus instance names, platforms, strategy and cluster consistency. All problems
 * are reported in one pass.
 */
public final class Validator {
  public static final List<String> PLATFORMS = List.of("debian", "ubuntu", "arch_linux", "alpine",
      "fedora", "centos", "rocky", "alma", "opensuse", "nixos", "incusos");
  public static final int MAX_CPUS = 1024;
  public static final long MIN_MEMORY_BYTES = 4L << 20;

  private final Diagnostics diagnostics;
  private final Origins origins;
  /** Clusters and strategies standing at file level are shared by topologies: checked once. */
  private final Set<IdentityKey> checked = new HashSet<>();
  private final Map<Cluster, Integer> clusterUses = new IdentityHashMap<>();

  private Validator(Diagnostics diagnostics, Origins origins) {
    this.diagnostics = diagnostics;
    this.origins = origins;
  }

  /** Every problem of {@code topologies}, in the order found. */
  public static List<Diagnostic> validate(List<Topology> topologies) {
    Diagnostics diagnostics = new Diagnostics();
    validate(topologies, diagnostics, new Origins());
    return diagnostics.list();
  }

  static void validate(List<Topology> topologies, Diagnostics diagnostics, Origins origins) {
    Validator v = new Validator(diagnostics, origins);
    topologies.forEach(t -> t.clusters().forEach(c -> v.clusterUses.merge(c, 1, Integer::sum)));
    v.unique(topologies, Topology::name, "topology");
    topologies.forEach(v::topology);
  }

  private void topology(Topology t) {
    unique(t.hosts(), Host::name, "host");
    unique(t.resources(), Resource::name, "resource");
    unique(t.clusters(), Cluster::name, "cluster");
    t.hosts().forEach(this::host);
    List<String> hostNames = t.hosts().stream().map(Host::name).toList();
    boolean hostsKnown = t.hosts().stream().noneMatch(origins::isBroken);
    t.resources().forEach(r -> resource(r, hostNames, hostsKnown));
    if (!origins.isBroken(t) && !t.name().isEmpty()) {
      instanceNames(t);
    }
    exposedPorts(t);
    balance(t);
    Map<String, Resource> byName = new LinkedHashMap<>();
    t.resources().forEach(r -> byName.putIfAbsent(r.name(), r));
    boolean resourcesKnown = t.resources().stream().noneMatch(origins::isBroken);
    t.clusters().forEach(c -> cluster(t, byName, resourcesKnown, c));
    if (once(t.strategy(), "strategy")) {
      strategy(t.strategy());
    }
    if (once(t.state(), "state")) {
      PostgresUrls.check(t.state(), diagnostics);
    }
  }

  /** True the first time {@code aspect} of {@code element} is checked. */
  private boolean once(Object element, String aspect) {
    return checked.add(new IdentityKey(element, aspect));
  }

  /** Names must be unique and not empty; a broken element's name is not judged. */
  private <T extends Positioned> void unique(List<T> items, Function<T, String> name, String kind) {
    Map<String, T> seen = new HashMap<>();
    for (T item : items) {
      if (origins.isBroken(item)) {
        continue;
      }
      if (name.apply(item).isEmpty()) {
        if (once(item, "name")) {
          diagnostics.error(item.pos(), "a " + kind + " has an empty name", "name it with a non-empty atom, like `:web`");
        }
        continue;
      }
      T first = seen.putIfAbsent(name.apply(item), item);
      if (first != null) {
        diagnostics.error(item.pos(), "duplicate " + kind + " `" + name.apply(item) + "`",
            "the first is at " + where(first.pos(), item.pos()) + "; give each " + kind + " its own name");
      }
    }
  }

  private void host(Host h) {
    if (!h.platform().isEmpty() && !PLATFORMS.contains(h.platform())) {
      String hint = Suggest.didYouMean(h.platform(), PLATFORMS, ":");
      diagnostics.warning(origins.at(h, "platform"), "host `" + h.name() + "` has unknown platform `:" + h.platform() + "`",
          hint != null ? hint : "known platforms: " + String.join(", ", PLATFORMS));
    }
    Connection c = h.connection();
    if (c instanceof Connection.Ssh ssh) {
      ssh.port().ifPresent(p -> port(p, c.pos(), "the SSH port of host `" + h.name() + "`"));
    } else if (c instanceof Connection.Https https) {
      port(https.port(), c.pos(), "the HTTPS port of host `" + h.name() + "`");
    }
  }

  private void resource(Resource r, List<String> hostNames, boolean hostsKnown) {
    String what = "resource `" + r.name() + "`";
    if (r.image().isEmpty() && !origins.attempted(r, "from_image")) {
      diagnostics.error(r.pos(), what + " has no image", "add `from_image \"images:alpine/3.19\"`");
    }
    r.image().ifPresent(image -> ImageRefs.check(image, origins.at(r, "from_image"), what, diagnostics));
    for (int i = 0; i < r.hosts().size() && hostsKnown; i++) {
      String host = r.hosts().get(i);
      if (!hostNames.contains(host)) {
        String hint = Suggest.didYouMean(host, hostNames, ":");
        diagnostics.error(origins.at(r, "on[" + i + "]"), what + " is placed on unknown host `:" + host + "`",
            hint != null ? hint : hostNames.isEmpty() ? "declare it with `host :" + host + " do ... end`"
                : "known hosts: " + String.join(", ", hostNames));
      }
    }
    if (r.replicas() < 1) {
      diagnostics.error(r.pos(), what + " has " + r.replicas() + " replicas", "`replicas` must be at least 1");
    }
    Limits limits = r.limits();
    limits.cpus().filter(n -> n < 1 || n > MAX_CPUS).ifPresent(n -> diagnostics.error(origins.at(limits, "cpu"),
        what + " asks for " + n + " CPU cores", "`cpu cores:` must be between 1 and " + MAX_CPUS));
    limits.memoryBytes().filter(b -> b < MIN_MEMORY_BYTES).ifPresent(b -> diagnostics.error(
        origins.at(limits, "memory"), what + " asks for " + b + " bytes of memory",
        "give it at least `memory megabytes: 4`"));
    for (Expose e : r.exposes()) {
      boolean portValid = port(e.port(), origins.at(e, "port"), "`expose port:` of " + what);
      if (portValid || e.as() != e.port() || origins.wrote(e, "as")) {
        port(e.as(), origins.at(e, "as"), "`expose as:` of " + what);
      }
    }
    Map<String, EnvVar> variables = new HashMap<>();
    for (EnvVar env : r.environment()) {
      if (!isEnvName(env.name())) {
        diagnostics.error(env.pos(), "environment variable name `" + env.name() + "` of " + what + " is invalid",
            "use letters, digits and '_', not starting with a digit");
      }
      EnvVar first = variables.putIfAbsent(env.name(), env);
      if (first != null) {
        diagnostics.error(env.pos(), "environment variable `" + env.name() + "` of " + what + " is set twice",
            "the first is at " + where(first.pos(), env.pos()) + "; keep one");
      }
    }
    for (FileSpec f : r.files()) {
      if (!f.target().startsWith("/")) {
        diagnostics.error(f.pos(), "file `" + f.target() + "` of " + what + " is not an absolute path",
            "write the path inside the instance, like \"/etc/app.conf\"");
      }
      if (f.mode() < 0 || f.mode() > 07777) {
        diagnostics.error(f.pos(), "file mode " + f.mode() + " of " + what + " is invalid", "write it in octal, like `mode: 0o644`");
      }
      if (f.uid() < 0 || f.gid() < 0) {
        diagnostics.error(f.pos(), "file `" + f.target() + "` of " + what + " has a negative owner", "uid: and gid: are at least 0");
      }
    }
  }

  private void instanceNames(Topology t) {
    Map<String, Resource> owners = new HashMap<>();
    for (Resource r : t.resources()) {
      if (origins.isBroken(r) || r.name().isEmpty()) {
        continue;
      }
      int replicas = Math.max(1, Math.min(r.replicas(), 1000));
      for (int replica = 1; replica <= replicas; replica++) {
        String name = InstanceNames.of(t.name(), r.name(), replica, replicas);
        String problem = InstanceNames.problem(name);
        if (problem != null) {
          diagnostics.error(r.pos(), "resource `" + r.name() + "` becomes Incus instance `" + name
              + "`, which Incus refuses: " + problem, "shorten or rename the topology or the resource");
          break;
        }
        Resource other = owners.putIfAbsent(name, r);
        if (other != null && !other.name().equals(r.name())) {
          diagnostics.error(r.pos(), "resources `" + other.name() + "` and `" + r.name()
              + "` both become Incus instance `" + name + "`", "rename one of them: Incus names use '-' for '_'");
          break;
        }
      }
    }
  }

  /**
   * Two instances on one host cannot publish the same host port (TCP-based protocols share), except
   * through the edge for one release: resources that deploy the same release on the same port and
   * protocol are one service of the edge (the guide's app_1 and app_2).
   */
  private void exposedPorts(Topology t) {
    Map<String, String> taken = new HashMap<>();
    Map<String, String> services = new HashMap<>();
    for (Resource r : t.resources()) {
      if (r.hosts().isEmpty() || r.replicas() < 1) {
        continue;
      }
      int replicas = Math.min(r.replicas(), 1000);
      for (int replica = 0; replica < replicas; replica++) {
        String host = r.hosts().get(replica % r.hosts().size());
        for (Expose e : r.exposes()) {
          if (origins.isBroken(e)) {
            continue;
          }
          String family = e.protocol() == Protocol.UDP ? "udp" : "tcp";
          String key = host + "/" + family + "/" + e.as();
          String owner = r.servedByEdge(e)
              ? "the edge of " + r.name()
              : InstanceNames.of(t.name(), r.name(), replica + 1, r.replicas());
          String service = r.servedByEdge(e) ? "release " + r.release().orElseThrow().name() + " " + e.protocol() : owner;
          String first = taken.putIfAbsent(key, owner);
          String firstService = services.putIfAbsent(key, service);
          if (first != null && !first.equals(owner) && !service.equals(firstService)) {
            diagnostics.error(e.pos(), "port " + e.as() + " on host `" + host + "` is exposed twice: by `"
                + first + "` and `" + owner + "`", r.replicas() > 1
                    ? "spread the replicas over more hosts with `on: [...]`, or use another `as:` port"
                    : "use another `as:` port");
          }
        }
      }
    }
  }

  /**
   * A service is balanced one way and serves one certificate on every host, so the resources that
   * make it must agree; on a port the edge does not serve, {@code balance:} does nothing.
   */
  private void balance(Topology t) {
    for (Resource r : t.resources()) {
      for (Expose e : r.exposes()) {
        if (origins.wrote(e, "balance") && !r.servedByEdge(e)) {
          diagnostics.warning(origins.at(e, "balance"), "`balance:` has no effect on port " + e.as() + " of resource `"
              + r.name() + "`: the edge does not serve it", "it applies to the TCP and HTTP ports of a release");
        }
        if (origins.wrote(e, "limits") && !r.servedByEdge(e)) {
          diagnostics.warning(origins.at(e, "limits"), "the limits of port " + e.as() + " of resource `" + r.name()
              + "` have no effect: the edge does not serve it", "they apply to the TCP and HTTP ports of a release");
        }
      }
    }
    for (ServiceGroup group : ServiceGroup.of(t)) {
      Map.Entry<String, Expose> first = group.exposes().entrySet().iterator().next();
      group.exposes().forEach((resource, e) -> {
        if (e.balance() != first.getValue().balance()) {
          diagnostics.error(origins.at(e, "balance"), "resources `" + first.getKey() + "` and `" + resource
              + "` serve one service on port " + e.as() + " balanced differently: `:"
              + Choices.BALANCE.atomOf(first.getValue().balance()) + "` and `:" + Choices.BALANCE.atomOf(e.balance()) + "`",
              "every host's edge balances a service one way: give both the same `balance:`");
        }
        if (!e.domains().equals(first.getValue().domains())) {
          diagnostics.error(origins.at(e, "domains"), "resources `"
              + first.getKey() + "` and `" + resource + "` serve one service on port " + e.as()
              + " with different `domains:`", "every host's edge answers a service's names for all its"
              + " resources: give both the same `domains:`");
        }
        if (!e.tls().equals(first.getValue().tls())) {
          diagnostics.error(e.pos(), "resources `" + first.getKey() + "` and `" + resource + "` serve one service on port "
              + e.as() + " with different `cert:`, `key:` or `redirect_from:`",
              "every host's edge serves a service with one certificate: give both the same TLS settings");
        }
        if (!e.limits().equals(first.getValue().limits())) {
          diagnostics.error(e.pos(), "resources `" + first.getKey() + "` and `" + resource + "` serve one service on port "
              + e.as() + " with different limits", "every host's edge limits a service one way: give both the same"
              + " `expose ... do ... end` block");
        }
      });
    }
  }

  private void cluster(Topology t, Map<String, Resource> resources, boolean resourcesKnown, Cluster c) {
    String what = "cluster `" + c.name() + "`" + (clusterUses.get(c) > 1 ? " (in topology `" + t.name() + "`)" : "");
    if (once(c, "formation_timeout")) {
      notNegative(c.formationTimeout(), c.pos(), what + " `formation_timeout`");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < c.nodes().size(); i++) {
      String node = c.nodes().get(i);
      SourcePos at = origins.at(c, "nodes[" + i + "]");
      Integer first = seen.putIfAbsent(node, i);
      if (first != null) {
        if (once(c, "nodes[" + i + "]")) {
          diagnostics.error(at, "cluster `" + c.name() + "` names node `:" + node + "` twice",
              "list each node once");
        }
        continue;
      }
      var resource = Optional.ofNullable(resources.get(node));
      if (resource.isEmpty()) {
        if (resourcesKnown) {
          String hint = Suggest.didYouMean(node, resources.keySet(), ":");
          diagnostics.error(at, what + " names unknown node `:" + node + "`",
              hint != null ? hint : "nodes are resources of the topology");
        }
        continue;
      }
      resource.get().release().filter(rel -> rel.runtime() != c.discovery().runtime()).ifPresent(rel ->
          diagnostics.error(c.pos(), what + " uses " + c.discovery().dslName() + ", a "
              + runtime(c.discovery().runtime()) + " strategy, but node `" + node + "` runs a "
              + runtime(rel.runtime()) + " release", "choose a discovery strategy for " + runtime(rel.runtime())));
    }
  }

  private void strategy(Strategy s) {
    if (s.batchSize() < 1) {
      diagnostics.error(s.pos(), "`batch_size` is " + s.batchSize(), "deploy at least 1 instance per batch");
    }
    s.healthcheck().ifPresent(this::healthcheck);
    if (s.rollback().retain() < 0) {
      diagnostics.error(s.rollback().pos(), "`retain` is " + s.rollback().retain(), "keep 0 or more snapshots");
    }
    canary(s.canary());
    notNegative(s.blueGreen().keepOld(), s.blueGreen().pos(), "blue-green `keep_old`");
    unusedApproachSettings(s);
  }

  /** Canary or blue-green settings under another approach do nothing: say so. */
  private void unusedApproachSettings(Strategy s) {
    boolean canaryGiven = origins.wrote(s, "canary") || !s.canary().equals(Canary.defaults());
    if (canaryGiven && s.approach() != Approach.CANARY) {
      diagnostics.warning(s.canary().pos(), "`canary` settings have no effect with `approach :"
          + Choices.APPROACH.atomOf(s.approach()) + "`", "they apply to `approach :canary`");
    }
    boolean blueGreenGiven = origins.wrote(s, "blue_green") || !s.blueGreen().equals(BlueGreen.defaults());
    if (blueGreenGiven && s.approach() != Approach.BLUE_GREEN) {
      diagnostics.warning(s.blueGreen().pos(), "`blue_green` settings have no effect with `approach :"
          + Choices.APPROACH.atomOf(s.approach()) + "`", "they apply to `approach :blue_green`");
    }
  }

  private void healthcheck(HealthCheck h) {
    if (h.probe() instanceof HealthCheck.Probe.Tcp tcp) {
      port(tcp.port(), h.pos(), "the health check `tcp port:`");
    }
    if (h.probe() instanceof HealthCheck.Probe.Http http && (http.expectStatus() < 100 || http.expectStatus() > 599)) {
      diagnostics.error(h.pos(), "`expect_status` " + http.expectStatus() + " is not an HTTP status", "use 100..599");
    }
    if (h.interval().isZero() || h.interval().isNegative() || h.timeout().isZero() || h.timeout().isNegative()) {
      diagnostics.error(h.pos(), "health check `interval` and `timeout` must be positive", null);
    }
    if (h.retries() < 0) {
      diagnostics.error(h.pos(), "`retries` is " + h.retries(), "retry 0 or more times");
    }
    notNegative(h.startGrace(), h.pos(), "health check `grace_period`");
  }

  /**
   * The DSL reader refuses a negative duration where it is written; this catches one built in
   * Java, which never passed through it.
   */
  private void notNegative(java.time.Duration duration, SourcePos pos, String what) {
    if (duration.isNegative()) {
      diagnostics.error(pos, what + " is negative (" + duration + ")", "a duration is 0 or more");
    }
  }

  private void canary(Canary c) {
    List<Integer> steps = c.steps();
    boolean ascending = true;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) < 1 || steps.get(i) > 100 || (i > 0 && steps.get(i) <= steps.get(i - 1))) {
        ascending = false;
      }
    }
    // With promote :manual the last step is the share the canaries keep until `cul8er promote`.
    if (c.autoPromote() && (!ascending || steps.isEmpty() || steps.get(steps.size() - 1) != 100)) {
      diagnostics.error(c.pos(), "canary `steps` " + steps + " must rise from 1 to 100 and end at 100",
          "write `steps [10, 50, 100]`");
    } else if (!ascending || steps.isEmpty()) {
      diagnostics.error(c.pos(), "canary `steps` " + steps + " must rise from 1 to 100",
          "write `steps [10, 50]`: with `promote :manual` the canaries keep the last step's share until"
              + " `cul8er promote`");
    }
    if (c.instances() < 1) {
      diagnostics.error(c.pos(), "canary `instances` is " + c.instances(), "use at least 1");
    }
    notNegative(c.pause(), c.pos(), "canary `pause`");
    if (c.maxErrorRatePercent() < 0 || c.maxErrorRatePercent() > 100) {
      diagnostics.error(c.pos(), "canary `max_error_rate` " + c.maxErrorRatePercent() + "% is not a percentage", "use 0..100");
    }
    canaryEvidence(c);
  }

  /** {@code min_requests} and {@code max_wait}: how much traffic a step needs, and how long it may wait for it. */
  private void canaryEvidence(Canary c) {
    if (c.minRequests() < 0) {
      diagnostics.error(origins.at(c, "min_requests"), "canary `min_requests` is " + c.minRequests(),
          "use 0 (no minimum) or more responses per step");
    }
    c.maxWait().ifPresent(wait -> {
      SourcePos at = origins.at(c, "max_wait");
      if (wait.isNegative()) {
        notNegative(wait, at, "canary `max_wait`");
      } else if (wait.compareTo(c.pause()) < 0) {
        diagnostics.error(at, "canary `max_wait " + Units.durationText(wait) + "` is shorter than its `pause "
            + Units.durationText(c.pause()) + "`", "wait at least one pause, or leave `max_wait` out for 5 pauses");
      } else if (c.minRequests() == 0) {
        diagnostics.warning(at, "canary `max_wait` has no effect with `min_requests 0`",
            "it bounds the wait for `min_requests` responses");
      }
    });
  }

  /** Whether {@code port} is a valid port number; reports it when not. */
  private boolean port(int port, SourcePos pos, String what) {
    if (port < 1 || port > 65535) {
      diagnostics.error(pos, what + " is " + port + ", outside 1..65535", null);
      return false;
    }
    return true;
  }

  private static boolean isEnvName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    return name.chars().allMatch(ch -> ch == '_' || (ch < 128 && Character.isLetterOrDigit(ch)));
  }

  private static String runtime(io.cul8er.model.Runtime r) {
    return r == io.cul8er.model.Runtime.BEAM ? "BEAM" : "JVM";
  }

  private static String where(SourcePos first, SourcePos second) {
    return first.file().equals(second.file()) ? "line " + first.line() : first.toString();
  }

}
