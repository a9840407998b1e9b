package io.cul8er.cli;

import io.cul8er.engine.Engine;
import io.cul8er.engine.Workers;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of commands that take the state lock and run steps. */
final class EngineOptions {
  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "0s",
      description = "How long to wait for the state lock held by another run (e.g. 30s, 2m). Default: ${DEFAULT-VALUE}, fail at once naming the holder; a lock `cul8er agent` holds is waited for 30s at least.")
  Duration lockTimeout;

  int parallelism = Workers.DEFAULT_PARALLELISM;

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec mixee;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "" + Workers.DEFAULT_PARALLELISM,
      description = "At most N instance operations at once (1 to 100). Default: ${DEFAULT-VALUE}.")
  void parallelism(int value) {
    if (value < 1 || value > 100) {
      throw new picocli.CommandLine.ParameterException(mixee.commandLine(),
          "--parallelism must be between 1 and 100, got " + value);
    }
    parallelism = value;
  }

  @Option(
      names = "--partial",
      description = "When some hosts are unreachable, apply on the reachable ones anyway. Default: touch no host.")
  boolean partial;

  @Option(
      names = "--accept-new-host-key",
      description = "Add the SSH host key of a host not yet in known_hosts to it (after you verified it). A changed key is always refused.")
  boolean acceptNewHostKey;

  @Option(
      names = "--incus-retry",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "60s",
      description = "How long an Incus request is retried while the daemon restarts (0s: not at all). Default: ${DEFAULT-VALUE}.")
  Duration incusRetry;

  Engine.Settings settings() {
    return Engine.Settings.defaults().withLockTimeout(lockTimeout).withParallelism(parallelism)
        .withPartial(partial).withAcceptNewHostKeys(acceptNewHostKey).withIncusRetry(incusRetry);
  }
}
