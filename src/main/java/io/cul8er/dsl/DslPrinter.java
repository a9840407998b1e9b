package io.cul8er.dsl;

import io.cul8er.model.Canary;
import io.cul8er.model.Cluster;
import io.cul8er.model.Connection;
import io.cul8er.model.EnvVar;
import io.cul8er.model.EdgeLimits;
import io.cul8er.model.Expose;
import io.cul8er.model.FileSpec;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Host;
import io.cul8er.model.AgentBounds;
import io.cul8er.model.Observability;
import io.cul8er.model.Release;
import io.cul8er.model.Sink;
import io.cul8er.model.Resource;
import io.cul8er.model.SecretRef;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Strategy;
import io.cul8er.model.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes a topology as DSL text that reads back to an equal model. Every setting is written
 * explicitly, defaults included, so the text does not depend on the defaults staying the same.
 */
public final class DslPrinter {
  private final StringBuilder out = new StringBuilder();
  private int indent;

  private DslPrinter() {}

  public static String print(Topology topology) {
    DslPrinter p = new DslPrinter();
    p.topology(topology);
    return p.out.toString();
  }

  private void topology(Topology t) {
    open("topology " + atom(t.name()));
    t.hosts().forEach(this::host);
    t.resources().forEach(this::resource);
    t.clusters().forEach(this::cluster);
    strategy(t.strategy());
    observability(t.observability());
    line("state " + state(t.state()));
    agent(t.agent());
    if (!t.hooks().isEmpty()) {
      hooks(Map.of("pre_deploy", t.hooks().preDeploy(), "post_deploy", t.hooks().postDeploy()), t.hooks().timeout());
    }
    close();
  }

  private void agent(AgentBounds a) {
    if (a.equals(AgentBounds.DEFAULT.withPos(a.pos()))) {
      return;
    }
    open("agent");
    line("interval " + Units.durationText(a.interval()));
    line("restarts " + a.restarts());
    line("backoff " + Units.durationText(a.backoff()));
    line("crash_loop_window " + Units.durationText(a.crashLoopWindow()));
    line("reconcile :" + Choices.RECONCILE.atomOf(a.reconcile()));
    close();
  }

  private void host(Host h) {
    open("host " + atom(h.name()));
    line("address " + string(h.address()));
    line("platform " + atom(h.platform()));
    Connection c = h.connection();
    if (c instanceof Connection.LocalSocket local) {
      line("socket " + string(local.socketPath()));
    } else if (c instanceof Connection.Ssh ssh) {
      StringBuilder args = new StringBuilder();
      ssh.user().ifPresent(u -> args.append("user: ").append(string(u)).append(", "));
      ssh.port().ifPresent(p -> args.append("port: ").append(p).append(", "));
      ssh.keyFile().ifPresent(k -> args.append("key: ").append(string(k)).append(", "));
      args.append("socket: ").append(string(ssh.remoteSocket()));
      line("ssh " + args);
    } else if (c instanceof Connection.Https https) {
      line("https port: " + https.port() + https.trustToken().map(s -> ", token: [" + secret(s) + "]").orElse(""));
    }
    close();
  }

  private void resource(Resource r) {
    String on = r.hosts().size() == 1 ? atom(r.hosts().get(0)) : atoms(r.hosts());
    open("resource " + atom(r.name()) + ", type: :" + Choices.INSTANCE_TYPE.atomOf(r.type()) + ", on: " + on);
    r.image().ifPresent(i -> line("from_image " + string(i.toString())));
    line("replicas " + r.replicas());
    line("profiles [" + r.profiles().stream().map(DslPrinter::string).collect(Collectors.joining(", ")) + "]");
    open("limits");
    r.limits().cpus().ifPresent(n -> line("cpu cores: " + n));
    r.limits().memoryBytes().ifPresent(b -> line("memory " + Units.memoryText(b)));
    close();
    open("network");
    for (Expose e : r.exposes()) {
      String expose = "expose port: " + e.port() + ", as: " + e.as() + ", protocol: :" + Choices.PROTOCOL.atomOf(e.protocol())
          + (e.balance() == Defaults.BALANCE ? "" : ", balance: :" + Choices.BALANCE.atomOf(e.balance()))
          + e.tls().certificate().map(s -> ", cert: [" + secret(s) + "]").orElse("")
          + e.tls().key().map(s -> ", key: [" + secret(s) + "]").orElse("")
          + e.tls().redirectFrom().map(p -> ", redirect_from: " + p).orElse("")
          + (e.domains().isEmpty() ? "" : ", domains: [" + e.domains().stream().map(DslPrinter::string)
              .collect(Collectors.joining(", ")) + "]");
      if (e.limits().equals(EdgeLimits.DEFAULT)) {
        line(expose);
      } else {
        limits(expose, e.limits());
      }
    }
    close();
    for (EnvVar env : r.environment()) {
      if (env instanceof EnvVar.Plain plain) {
        line("env " + string(plain.name()) + ", " + string(plain.value()));
      } else if (env instanceof EnvVar.Secret secret) {
        line("secret " + string(secret.name()) + ", " + secret(secret.source()));
      }
    }
    r.files().forEach(this::file);
    r.release().ifPresent(rel -> line("deploy release: " + atom(rel.name()) + ", version: " + string(rel.version())
        + ", runtime: :" + Choices.RUNTIME.atomOf(rel.runtime())
        + rel.artifact().map(a -> ", artifact: " + string(a)).orElse("")
        + rel.start().map(s -> ", start: " + string(s)).orElse("")));
    r.release().map(Release::hooks).filter(h -> !h.isEmpty()).ifPresent(h -> hooks(
        Map.of("before_switch", h.beforeSwitch(), "after_deploy", h.afterDeploy()), h.timeout()));
    close();
  }

  /** A {@code hooks} block: the commands given, in the order of {@code commands}' sorted names, and the timeout. */
  private void hooks(Map<String, Optional<String>> commands, java.time.Duration timeout) {
    open("hooks");
    new java.util.TreeMap<>(commands).forEach((name, command) -> command.ifPresent(c -> line(name + " " + string(c))));
    line("timeout " + Units.durationText(timeout));
    close();
  }

  private void limits(String expose, EdgeLimits l) {
    open(expose);
    line("max_body " + Units.memoryText(l.maxBodyBytes()));
    line("connect_timeout " + Units.durationText(l.connectTimeout()));
    line("client_timeout " + Units.durationText(l.clientTimeout()));
    line("server_timeout " + Units.durationText(l.serverTimeout()));
    line("max_connections " + l.maxConnections());
    line("rate_limit " + l.rateLimit().requests() + ", " + Units.durationText(l.rateLimit().per()));
    l.hsts().ifPresent(maxAge -> line("hsts " + Units.durationText(maxAge)));
    close();
  }

  private void file(FileSpec f) {
    String source = f.source() instanceof FileSpec.FileSource.Inline inline
        ? "content: " + string(inline.content())
        : "source: " + string(((FileSpec.FileSource.Local) f.source()).path());
    line("file " + string(f.target()) + ", " + source + ", mode: 0o" + Integer.toOctalString(f.mode())
        + ", uid: " + f.uid() + ", gid: " + f.gid());
  }

  private void cluster(Cluster c) {
    open("cluster " + atom(c.name()));
    line("nodes " + atoms(c.nodes()));
    line("discovery strategy: " + c.discovery().dslName());
    c.cookie().ifPresent(s -> line("cookie " + secret(s)));
    c.probe().ifPresent(p -> line("probe " + (p instanceof Cluster.MembershipProbe.Command cmd
        ? "command: " + string(cmd.command())
        : "endpoint: " + string(((Cluster.MembershipProbe.Endpoint) p).url()))));
    line("formation_timeout " + Units.durationText(c.formationTimeout()));
    close();
  }

  private void strategy(Strategy s) {
    open("strategy");
    line("approach :" + Choices.APPROACH.atomOf(s.approach()));
    line("batch_size " + s.batchSize());
    s.healthcheck().ifPresent(this::healthcheck);
    open("rollback");
    line("on_failure :" + Choices.AUTOMATIC.atomOf(s.rollback().automatic()));
    line("snapshot " + s.rollback().snapshot());
    line("retain " + s.rollback().retain());
    close();
    open("blue_green");
    line("keep_old " + Units.durationText(s.blueGreen().keepOld()));
    close();
    Canary c = s.canary();
    open("canary");
    line("instances " + c.instances());
    line("steps " + c.steps());
    line("pause " + Units.durationText(c.pause()));
    line("max_error_rate percent: " + c.maxErrorRatePercent());
    line("promote :" + Choices.AUTOMATIC.atomOf(c.autoPromote()));
    line("min_requests " + c.minRequests());
    c.maxWait().ifPresent(wait -> line("max_wait " + Units.durationText(wait)));
    close();
    close();
  }

  private void healthcheck(HealthCheck h) {
    open("healthcheck");
    if (h.probe() instanceof HealthCheck.Probe.Http http) {
      line("endpoint " + string(http.endpoint()));
      line("expect_status " + http.expectStatus());
    } else if (h.probe() instanceof HealthCheck.Probe.Tcp tcp) {
      line("tcp port: " + tcp.port());
    } else if (h.probe() instanceof HealthCheck.Probe.Command cmd) {
      line("command " + string(cmd.command()));
    }
    line("interval " + Units.durationText(h.interval()));
    line("timeout " + Units.durationText(h.timeout()));
    line("retries " + h.retries());
    line("grace_period " + Units.durationText(h.startGrace()));
    close();
  }

  private void observability(Observability o) {
    open("observability");
    line("metrics " + atoms(o.metrics()));
    line("events " + atoms(o.events()));
    for (Sink sink : o.sinks()) {
      String target = sink instanceof Sink.Webhook w
          ? ":webhook, url: " + string(w.url()) + ", secret: [" + secret(w.secret()) + "]"
          : ":command, run: [" + String.join(", ", ((Sink.Command) sink).run().stream().map(DslPrinter::string)
              .toList()) + "]";
      line("sink " + target + ", events: " + atoms(sink.events()));
    }
    if (!o.eventLog().equals(Observability.EventLogLimits.DEFAULT)) {
      line("event_log max_mebibytes: " + (o.eventLog().maxBytes() >> 20) + ", keep: " + o.eventLog().keep());
    }
    if (!o.traces().isEmpty()) {
      line("traces otlp: " + string(o.traces()));
    }
    close();
  }

  private static String state(StateBackend s) {
    if (s instanceof StateBackend.Postgres pg) {
      return "backend: :postgres, url: " + string(pg.url())
          + pg.password().map(p -> ", password: [" + secret(p) + "]").orElse("");
    }
    return "backend: :file, path: " + string(((StateBackend.File) s).directory());
  }

  private static String secret(SecretRef s) {
    return s instanceof SecretRef.FromEnv env
        ? "from: :system, key: " + string(env.variable())
        : "from: :file, path: " + string(((SecretRef.FromFile) s).path());
  }

  private void open(String head) {
    line(head + " do");
    indent++;
  }

  private void close() {
    indent--;
    line("end");
  }

  private void line(String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  private static String atoms(List<String> names) {
    return names.stream().map(DslPrinter::atom).collect(Collectors.joining(", ", "[", "]"));
  }

  /** {@code :name} when the name is a plain identifier, else {@code :"quoted"}. */
  static String atom(String name) {
    boolean plain = !name.isEmpty() && (Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')
        && name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'));
    return plain ? ":" + name : ":" + string(name);
  }

  static String string(String text) {
    StringBuilder s = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '#' -> s.append("\\#");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        case '\r' -> s.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            s.append("\\u{").append(Integer.toHexString(c)).append('}');
          } else {
            s.appendCodePoint(c);
          }
        }
      }
    });
    return s.append('"').toString();
  }
}
