package io.cul8er.setup;

import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/** {@code cul8er setup}: prepares every host of a topology, several at once. */
public final class Setup {
  private Setup() {}

  /**
   * Prepares {@code hosts}, at most {@code parallelism} at once; reports come back in host order,
   * and each is also given to {@code progress} as soon as its host is done.
   */
  public static List<SetupReport> all(List<Host> hosts, Function<Host, Shell> shells, int parallelism,
      Consumer<SetupReport> progress) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, hosts.size())), task -> {
      Thread thread = new Thread(task, "cul8er-setup");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<SetupReport>> running = new ArrayList<>();
      for (Host host : hosts) {
        running.add(pool.submit(() -> {
          SetupReport report = one(host, shells);
          progress.accept(report);
          return report;
        }));
      }
      List<SetupReport> reports = new ArrayList<>();
      for (Future<SetupReport> report : running) {
        reports.add(report.get());
      }
      return reports;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SetupException("Interrupted while preparing the hosts", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("setup failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  static SetupReport one(Host host, Function<Host, Shell> shells) {
    Shell shell;
    try {
      shell = shells.apply(host);
    } catch (Cul8erException e) {
      return SetupReport.unreachable(host.name(), host.address(), e.getMessage());
    }
    try {
      return HostSetup.run(host, shell);
    } catch (Cul8erException e) {
      return SetupReport.unreachable(host.name(), shell.describe(), e.getMessage());
    } finally {
      if (shell instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          // the report is what matters; the session ends with the process anyway
        }
      }
    }
  }
}
