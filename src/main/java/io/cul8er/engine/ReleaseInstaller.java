package io.cul8er.engine;

import io.cul8er.cluster.EnvFile;
import io.cul8er.incus.FilePushes;
import io.cul8er.incus.IncusApi;
import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.api.FilePush;
import io.cul8er.incus.api.InstancePatch;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Release;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.model.ObservedRelease;
import io.cul8er.release.Artifacts;
import io.cul8er.release.HookCommands;
import io.cul8er.release.LogStart;
import io.cul8er.release.ProbeAnswer;
import io.cul8er.release.ReleaseCommands;
import io.cul8er.release.ReleaseLayout;
import io.cul8er.release.ReleaseLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Installs and switches releases inside one host's instances, running {@link ReleaseCommands}
 * through Incus exec. The version an instance runs is written to its config ({@code
 * user.cul8er.release}) only once that version is active, so Incus never claims more than is true.
 */
final class ReleaseInstaller {
  private static final int ROOT = 0;
  /**
   * The longest a release command may take (an unpack of a large artifact; a restart waits 15 s):
   * one in a frozen or dying instance never ends, and must not hold the rollout forever.
   */
  static final java.time.Duration COMMAND_TIMEOUT = java.time.Duration.ofMinutes(3);

  private final IncusApi incus;
  private final java.util.function.Consumer<String> notes;

  /** An installer that only reads (logs): nothing it does needs telling. */
  ReleaseInstaller(IncusApi incus) {
    this(incus, note -> { });
  }

  /** {@code notes} is told when a file had to be written through exec ({@link FilePushes}). */
  ReleaseInstaller(IncusApi incus, java.util.function.Consumer<String> notes) {
    this.incus = incus;
    this.notes = notes;
  }

  /** Uploads and unpacks {@code version} next to the active one; nothing is switched yet. */
  void stage(String instance, Release release, String version) {
    ReleaseLayout layout = ReleaseLayout.of(release);
    if (incus.exec(instance, ExecCommand.of("test", "-d", layout.versionDir(version)).markedIdempotent()).succeeded()) {
      return;
    }
    Path artifact = Artifacts.locate(release, version);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(artifact);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the artifact of " + release.name() + " " + version
          + " at " + artifact + ": " + e.getMessage(), e);
    }
    run(instance, "create " + layout.home(), List.of("mkdir", "-p", layout.home() + "/releases"));
    FilePushes.push(incus, instance, new FilePush(layout.upload(version), bytes, ROOT, ROOT, 0600), notes);
    run(instance, "unpack " + release.name() + " " + version, ReleaseCommands.unpack(layout, version));
  }

  /** Writes the run script and the environment file the release starts with. */
  void configure(String instance, Release release, Map<String, String> environment) {
    ReleaseLayout layout = ReleaseLayout.of(release);
    String script = ReleaseCommands.runScript(layout, ReleaseCommands.startCommand(release));
    FilePushes.push(incus, instance, new FilePush(layout.runScript(), bytes(script), ROOT, ROOT, 0755), notes);
    FilePushes.push(incus, instance, new FilePush(layout.envFile(), bytes(EnvFile.render(environment)), ROOT, ROOT,
        0600), notes);
  }

  /** Makes {@code version} the active one and restarts the release on it (starting it the first time). */
  void activate(String instance, Release release, String version) {
    ReleaseLayout layout = ReleaseLayout.of(release);
    run(instance, "switch " + release.name() + " to " + version + " and restart it", ReleaseCommands.switchTo(layout, version));
    record(instance, version);
  }

  /** Restarts the release on its active version, under the instance's init system. */
  void restart(String instance, Release release) {
    run(instance, "restart " + release.name(), ReleaseCommands.restartSupervised(ReleaseLayout.of(release)));
  }

  /** Writes {@code version} to the instance's config as the one it runs, keeping the one before for rollback. */
  void record(String instance, String version) {
    String before = incus.findInstance(instance).map(i -> i.value().config().get(ConfigKeys.RELEASE)).orElse(null);
    Map<String, String> config = new java.util.HashMap<>(Map.of(ConfigKeys.RELEASE, version));
    if (before != null && !before.equals(version)) {
      config.put(ConfigKeys.RELEASE_PREVIOUS, before);
    }
    incus.patchInstance(instance, InstancePatch.config(config));
  }

  /** First install in a fresh instance: stage, configure, activate. */
  void install(String instance, Release release, String version, Map<String, String> environment) {
    stage(instance, release, version);
    configure(instance, release, environment);
    activate(instance, release, version);
  }

  /**
   * Runs a release hook in {@code version}'s directory (staged before); a failure says what ran
   * where and shows the hook's last lines of output, {@code secrets} masked.
   */
  String runHook(String instance, Release release, String version, String hook, String command,
      java.time.Duration timeout, java.util.Collection<String> secrets) {
    ReleaseLayout layout = ReleaseLayout.of(release);
    // Not marked idempotent: a migration whose answer was lost is not sent again behind the user's back.
    ExecResult result = incus.exec(instance, ExecCommand.of(HookCommands.run(layout, version, hook, command, timeout)
        .toArray(String[]::new)).withTimeout(timeout.plus(java.time.Duration.ofMinutes(1))));
    String output = HookCommands.lastLines(result.stdout() + result.stderr(), secrets);
    if (!result.succeeded()) {
      throw new Cul8erException("Tried to run the " + hook + " hook `" + command + "` of " + release.name() + " "
          + version + " in " + instance + ", but it " + HookCommands.exit(result.exitCode(), timeout)
          + (output.isEmpty() ? " and printed nothing" : "; its last lines of output:\n" + output));
    }
    return output;
  }

  /** The version the instance's {@code current} link points at, or empty. */
  String activeVersion(String instance, Release release) {
    return run(instance, "read the active version of " + release.name(),
        ReleaseCommands.activeVersion(ReleaseLayout.of(release))).stdout().strip();
  }

  /** What runs in the instance: the linked version, whether the process runs, and the version it runs. */
  ObservedRelease probe(String instance, Release release) {
    ReleaseLayout layout = ReleaseLayout.of(release);
    return ProbeAnswer.read(layout, run(instance, "probe " + release.name(), ReleaseCommands.probe(layout)).stdout());
  }

  String logs(String instance, Release release, LogStart start) {
    return run(instance, "read the log of " + release.name(), ReleaseLogs.read(ReleaseLayout.of(release), start, false)).stdout();
  }

  /** Removes unpacked versions other than those given. */
  void prune(String instance, Release release, List<String> keep) {
    run(instance, "prune old versions of " + release.name(), ReleaseCommands.prune(ReleaseLayout.of(release), keep));
  }

  private ExecResult run(String instance, String what, List<String> argv) {
    // Every release command leaves what running it once leaves (they are written so), so one whose
    // answer a restarting daemon lost may be sent again.
    ExecResult result = incus.exec(instance, ExecCommand.of(argv.toArray(String[]::new)).markedIdempotent()
        .withTimeout(COMMAND_TIMEOUT));
    if (!result.succeeded()) {
      String output = (result.stderr() + result.stdout()).strip();
      throw new Cul8erException("Tried to " + what + " in " + instance + ", but it exited with "
          + result.exitCode() + (output.isEmpty() ? "" : ": " + abbreviate(output)));
    }
    return result;
  }

  private static String abbreviate(String output) {
    return output.length() <= 400 ? output : output.substring(output.length() - 400);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
