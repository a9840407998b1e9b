package io.cul8er.engine;

import io.cul8er.health.CommandRunner;
import io.cul8er.incus.IncusApi;
import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs health-check commands in an instance through Incus exec, bounded by the check's timeout. */
final class InstanceCommands implements CommandRunner {
  private final IncusApi incus;
  private final String instance;

  InstanceCommands(IncusApi incus, String instance) {
    this.incus = incus;
    this.instance = instance;
  }

  @Override
  public Output run(String command, Duration timeout) throws IOException, TimeoutException, InterruptedException {
    ExecutorService waiter = Executors.newSingleThreadExecutor();
    try {
      Future<ExecResult> result = waiter.submit(() -> incus.exec(instance, ExecCommand.shell(command)));
      ExecResult done = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Output(done.exitCode(), done.stdout() + done.stderr());
    } catch (ExecutionException e) {
      throw new IOException("Cannot run `" + command + "` in " + instance + ": " + e.getCause().getMessage(), e.getCause());
    } finally {
      waiter.shutdownNow();
    }
  }
}
