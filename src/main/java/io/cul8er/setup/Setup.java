package io.cul8er.setup;

import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code cul8er setup}: prepares every host of a topology, several at once, then the routes
 * between them ({@link FleetSetup}; for a topology of one host, only removing routes it had when
 * it had more).
 */
public final class Setup {
  private Setup() {}

  /**
   * Prepares {@code hosts} of {@code topology}, at most {@code parallelism} at once; reports come
   * back in host order, and each is also given to {@code progress} as soon as its host is done.
   */
  public static List<SetupReport> all(String topology, List<Host> hosts, HostAccess access, int parallelism,
      Consumer<SetupReport> progress) {
    return all(topology, hosts, java.util.Set.of(), access, parallelism, progress);
  }

  /** {@link #all}, installing the edge service on {@code edgeHosts} (those that run exposed releases). */
  public static List<SetupReport> all(String topology, List<Host> hosts, java.util.Set<String> edgeHosts,
      HostAccess access, int parallelism, Consumer<SetupReport> progress) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, hosts.size())), task -> {
      Thread thread = new Thread(task, "cul8er-setup");
      thread.setDaemon(true);
      return thread;
    });
    Map<String, Shell> shells = new ConcurrentHashMap<>();
    try {
      List<Callable<SetupReport>> prepare = new ArrayList<>();
      for (Host host : hosts) {
        prepare.add(() -> {
          SetupReport report = one(host, access, shells, edgeHosts.contains(host.name()));
          if (!report.ready()) {
            progress.accept(report);
          }
          return report;
        });
      }
      Map<String, SetupReport> reports = new LinkedHashMap<>();
      for (SetupReport report : together(pool, prepare)) {
        reports.put(report.host(), report);
      }
      FleetSetup.run(topology, hosts, reports, shells, access, pool).forEach((name, lines) -> {
        SetupReport first = reports.get(name);
        List<SetupReport.Line> all = new ArrayList<>(first.lines());
        all.addAll(lines);
        SetupReport report = new SetupReport(name, first.via(), all);
        reports.put(name, report);
        progress.accept(report);
      });
      return List.copyOf(reports.values());
    } finally {
      pool.shutdownNow();
      shells.values().forEach(Setup::close);
    }
  }

  /** Runs {@code tasks} on {@code pool} and returns their results in order. */
  static <T> List<T> together(ExecutorService pool, List<Callable<T>> tasks) {
    try {
      List<Future<T>> running = new ArrayList<>();
      for (Callable<T> task : tasks) {
        running.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> result : running) {
        results.add(result.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SetupException("Interrupted while preparing the hosts", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("setup failed unexpectedly", e.getCause());
    }
  }

  /** Prepares one host; its shell, when it opened, is left in {@code shells} for the fleet phase. */
  static SetupReport one(Host host, HostAccess access, Map<String, Shell> shells, boolean edge) {
    Shell shell;
    try {
      shell = access.open(host);
    } catch (Cul8erException e) {
      return SetupReport.unreachable(host.name(), host.address(), e.getMessage());
    }
    shells.put(host.name(), shell);
    try {
      return HostSetup.run(host, shell, access.deployUser(host), edge);
    } catch (Cul8erException e) {
      return SetupReport.unreachable(host.name(), shell.describe(), e.getMessage());
    }
  }

  private static void close(Shell shell) {
    if (shell instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // the report is what matters; the session ends with the process anyway
      }
    }
  }
}
