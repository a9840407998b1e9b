package io.cul8er.dsl;

import io.cul8er.model.Canary;
import io.cul8er.model.Cluster;
import io.cul8er.model.Connection;
import io.cul8er.model.EnvVar;
import io.cul8er.model.Expose;
import io.cul8er.model.FileSpec;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Host;
import io.cul8er.model.InstanceNames;
import io.cul8er.model.Positioned;
import io.cul8er.model.Protocol;
import io.cul8er.model.Resource;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Strategy;
import io.cul8er.model.Topology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  private Validator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Every problem of {@code topologies}, in the order found. */
  public static List<Diagnostic> validate(List<Topology> topologies) {
    Diagnostics diagnostics = new Diagnostics();
    validate(topologies, diagnostics);
    return diagnostics.list();
  }

  static void validate(List<Topology> topologies, Diagnostics diagnostics) {
    Validator v = new Validator(diagnostics);
    v.unique(topologies, Topology::name, "topology");
    topologies.forEach(v::topology);
  }

  private void topology(Topology t) {
    unique(t.hosts(), Host::name, "host");
    unique(t.resources(), Resource::name, "resource");
    unique(t.clusters(), Cluster::name, "cluster");
    t.hosts().forEach(this::host);
    List<String> hostNames = t.hosts().stream().map(Host::name).toList();
    Set<String> hostSet = Set.copyOf(hostNames);
    t.resources().forEach(r -> resource(r, hostNames, hostSet));
    instanceNames(t);
    exposedPorts(t);
    Map<String, Resource> byName = new java.util.LinkedHashMap<>();
    t.resources().forEach(r -> byName.putIfAbsent(r.name(), r));
    t.clusters().forEach(c -> cluster(byName, c));
    strategy(t.strategy());
  }

  private <T extends Positioned> void unique(List<T> items, Function<T, String> name, String kind) {
    Map<String, T> seen = new HashMap<>();
    for (T item : items) {
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
      diagnostics.warning(h.pos(), "host `" + h.name() + "` has unknown platform `:" + h.platform() + "`",
          hint != null ? hint : "known platforms: " + String.join(", ", PLATFORMS));
    }
    Connection c = h.connection();
    if (c instanceof Connection.Ssh ssh) {
      ssh.port().ifPresent(p -> port(p, c.pos(), "the SSH port of host `" + h.name() + "`"));
    } else if (c instanceof Connection.Https https) {
      port(https.port(), c.pos(), "the HTTPS port of host `" + h.name() + "`");
    }
  }

  private void resource(Resource r, List<String> hostNames, Set<String> hostSet) {
    String what = "resource `" + r.name() + "`";
    if (r.image().isEmpty()) {
      diagnostics.error(r.pos(), what + " has no image", "add `from_image \"images:alpine/3.19\"`");
    }
    for (String host : r.hosts()) {
      if (!hostSet.contains(host)) {
        String hint = Suggest.didYouMean(host, hostNames, ":");
        diagnostics.error(r.pos(), what + " is placed on unknown host `:" + host + "`",
            hint != null ? hint : hostNames.isEmpty() ? "declare it with `host :" + host + " do ... end`"
                : "known hosts: " + String.join(", ", hostNames));
      }
    }
    if (r.replicas() < 1) {
      diagnostics.error(r.pos(), what + " has " + r.replicas() + " replicas", "`replicas` must be at least 1");
    }
    r.limits().cpus().filter(n -> n < 1 || n > MAX_CPUS).ifPresent(n -> diagnostics.error(r.limits().pos(),
        what + " asks for " + n + " CPU cores", "`cpu cores:` must be between 1 and " + MAX_CPUS));
    r.limits().memoryBytes().filter(b -> b < MIN_MEMORY_BYTES).ifPresent(b -> diagnostics.error(
        r.limits().pos(), what + " asks for " + b + " bytes of memory", "give it at least `memory megabytes: 4`"));
    for (Expose e : r.exposes()) {
      port(e.port(), e.pos(), "`expose port:` of " + what);
      port(e.as(), e.pos(), "`expose as:` of " + what);
    }
    for (EnvVar env : r.environment()) {
      if (!isEnvName(env.name())) {
        diagnostics.error(env.pos(), "environment variable name `" + env.name() + "` of " + what + " is invalid",
            "use letters, digits and '_', not starting with a digit");
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

  /** Two instances on one host cannot publish the same host port (TCP-based protocols share). */
  private void exposedPorts(Topology t) {
    Map<String, String> taken = new HashMap<>();
    for (Resource r : t.resources()) {
      if (r.hosts().isEmpty() || r.replicas() < 1) {
        continue;
      }
      int replicas = Math.min(r.replicas(), 1000);
      for (int replica = 0; replica < replicas; replica++) {
        String host = r.hosts().get(replica % r.hosts().size());
        for (Expose e : r.exposes()) {
          String family = e.protocol() == Protocol.UDP ? "udp" : "tcp";
          String key = host + "/" + family + "/" + e.as();
          String owner = r.servedByEdge(e)
              ? "the edge of " + r.name()
              : InstanceNames.of(t.name(), r.name(), replica + 1, r.replicas());
          String first = taken.putIfAbsent(key, owner);
          if (first != null && !first.equals(owner)) {
            diagnostics.error(e.pos(), "port " + e.as() + " on host `" + host + "` is exposed twice: by `"
                + first + "` and `" + owner + "`", r.replicas() > 1
                    ? "spread the replicas over more hosts with `on: [...]`, or use another `as:` port"
                    : "use another `as:` port");
          }
        }
      }
    }
  }

  private void cluster(Map<String, Resource> resources, Cluster c) {
    for (String node : c.nodes()) {
      var resource = java.util.Optional.ofNullable(resources.get(node));
      if (resource.isEmpty()) {
        String hint = Suggest.didYouMean(node, resources.keySet(), ":");
        diagnostics.error(c.pos(), "cluster `" + c.name() + "` names unknown node `:" + node + "`",
            hint != null ? hint : "nodes are resources of the topology");
        continue;
      }
      resource.get().release().filter(rel -> rel.runtime() != c.discovery().runtime()).ifPresent(rel ->
          diagnostics.error(c.pos(), "cluster `" + c.name() + "` uses " + c.discovery().dslName() + ", a "
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
  }

  private void canary(Canary c) {
    List<Integer> steps = c.steps();
    boolean ascending = true;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) < 1 || steps.get(i) > 100 || (i > 0 && steps.get(i) <= steps.get(i - 1))) {
        ascending = false;
      }
    }
    if (!ascending || steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
      diagnostics.error(c.pos(), "canary `steps` " + steps + " must rise from 1 to 100 and end at 100",
          "write `steps [10, 50, 100]`");
    }
    if (c.instances() < 1) {
      diagnostics.error(c.pos(), "canary `instances` is " + c.instances(), "use at least 1");
    }
    if (c.maxErrorRatePercent() < 0 || c.maxErrorRatePercent() > 100) {
      diagnostics.error(c.pos(), "canary `max_error_rate` " + c.maxErrorRatePercent() + "% is not a percentage", "use 0..100");
    }
  }

  private void port(int port, SourcePos pos, String what) {
    if (port < 1 || port > 65535) {
      diagnostics.error(pos, what + " is " + port + ", outside 1..65535", null);
    }
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
