package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.agent.Agent;
import io.cul8er.agent.AgentLease;
import io.cul8er.engine.Connections;
import io.cul8er.engine.Engine;
import io.cul8er.engine.HostConnectors;
import io.cul8er.model.AgentBounds;
import io.cul8er.model.Cul8erException;
import io.cul8er.web.Dashboard;
import io.cul8er.web.DashboardOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Keeps the topologies healthy between deploys, in the foreground: every interval it refreshes, runs the",
      "health checks, restarts a failing release, takes an unhealthy instance out of its edges (and back once",
      "healthy), starts an edge or an instance found stopped, re-writes cluster membership files, reports drift",
      "(re-applies it with `reconcile :auto`). Within the topology's `agent` bounds; one agent per topology.",
      "SIGTERM or Ctrl-C ends it after the pass in progress. --serve also serves the topology's web dashboard",
      "(docs/observability.md). See docs/agent.md."
    })
final class AgentCommand implements Callable<Integer> {
  private static final Duration DASHBOARD_REFRESH = Duration.ofSeconds(2);

  @Parameters(arity = "1..*", paramLabel = "TOPOLOGY") List<String> names;

  @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Time between two passes (e.g. 10s, 1m). Default: the topology's `agent interval`, 30s if none.")
  Duration interval;

  @Option(names = "--once", description = "One pass, then exit.") boolean once;

  @Mixin DashboardServing serving;

  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (interval != null && interval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new Cul8erException("--interval " + interval.toMillis() + "ms is too short: give at least 100ms");
    }
    if (serving.requested() && (names.size() > 1 || once)) {
      throw new Cul8erException(once ? "--serve and --once cannot be combined: the dashboard lives as long as the agent"
          : "--serve shows one topology: run one agent per topology to serve each one's dashboard");
    }
    DashboardOptions dashboard = serving.requested() ? serving.options(DASHBOARD_REFRESH) : null;
    List<Deployment> deployments = new ArrayList<>();
    List<Agent> agents = new ArrayList<>();
    try (Serving served = dashboard == null ? Serving.NONE : Serving.start(dashboard, files, names.get(0), out, err)) {
      for (String name : names) {
        Deployment deployment = Session.open(files, name, Engine.Settings.defaults(), err);
        deployments.add(deployment);
        AgentBounds bounds = interval == null ? deployment.model().agent()
            : deployment.model().agent().withInterval(interval);
        agents.add(new Agent(deployment.model(), deployment.state(), reconnecting(deployments, name, err),
            new AgentLease(deployment.state(), name, deployment.state().location(), Clock.systemUTC(),
                AgentLease.ttl(bounds.interval())), bounds, Clock.systemUTC(), line -> log(out, line)));
      }
      return runAll(agents, err);
    } finally {
      synchronized (deployments) {
        deployments.forEach(Deployment::close);
      }
    }
  }

  /**
   * The agent's engine: the first from the deployment just opened, then (after a failed pass) a
   * new one, the one before closed, so that hosts given up and daemons restarted are tried afresh.
   */
  private java.util.function.Supplier<io.cul8er.engine.FleetCare> reconnecting(List<Deployment> deployments,
      String name, PrintWriter err) {
    Deployment[] current = {deployments.get(deployments.size() - 1)};
    boolean[] first = {true};
    return () -> {
      synchronized (deployments) {
        if (!first[0]) {
          Deployment fresh = Session.open(files, name, Engine.Settings.defaults(), err);
          deployments.remove(current[0]);
          current[0].close();
          deployments.add(fresh);
          current[0] = fresh;
        }
        first[0] = false;
        return current[0].care();
      }
    };
  }

  /** Each agent on its own thread; the first signal stops them after their pass, a second at once. */
  private int runAll(List<Agent> agents, PrintWriter err) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (Agent agent : agents) {
      Thread thread = new Thread(() -> {
        try {
          agent.run(once);
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
          agents.forEach(Agent::stop);
        }
      }, "agent");
      threads.add(thread);
    }
    boolean[] signalled = {false};
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal.handle(new Signal(name), signal -> {
          if (signalled[0]) {
            Runtime.getRuntime().halt(Interruptions.HALTED);
          }
          signalled[0] = true;
          err.println("cul8er agent: SIG" + signal.getName() + ": stopping after the pass in progress");
          err.flush();
          agents.forEach(Agent::stop);
        });
      } catch (IllegalArgumentException ignoredByTheVm) {
        // started with the signal ignored: it stays ignored
      }
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() instanceof Cul8erException refusal) {
      throw refusal;
    }
    if (failure.get() != null) {
      throw new IllegalStateException(failure.get());
    }
    return ExitCodes.OK;
  }

  /**
   * The dashboard, over a deployment and connections of its own: the agent's are replaced after a
   * failed pass.
   */
  private record Serving(Optional<Deployment> deployment, Optional<Connections> connections,
      Optional<Dashboard> dashboard) implements AutoCloseable {
    static final Serving NONE = new Serving(Optional.empty(), Optional.empty(), Optional.empty());

    static Serving start(DashboardOptions options, FileOptions files, String name, PrintWriter out, PrintWriter err) {
      Deployment deployment = Session.open(files, name, Engine.Settings.defaults(), err);
      Connections connections = new Connections(HostConnectors.defaults(Engine.Settings.defaults()));
      try {
        Dashboard dashboard = DashboardServing.start(options, deployment, connections, err);
        log(out, DashboardServing.announce(name, dashboard, options));
        return new Serving(Optional.of(deployment), Optional.of(connections), Optional.of(dashboard));
      } catch (RuntimeException e) {
        connections.close();
        deployment.close();
        throw e;
      }
    }

    @Override
    public void close() {
      dashboard.ifPresent(Dashboard::close);
      connections.ifPresent(Connections::close);
      deployment.ifPresent(Deployment::close);
    }
  }

  private static synchronized void log(PrintWriter out, String line) {
    out.println(Instant.now() + "  " + line);
    out.flush();
  }
}
