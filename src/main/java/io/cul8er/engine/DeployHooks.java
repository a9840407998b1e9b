package io.cul8er.engine;

import io.cul8er.hooks.HookVariables;
import io.cul8er.hooks.LocalHookRunner;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.LocalHooks;
import io.cul8er.model.Topology;
import io.cul8er.state.LocalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A topology's local hooks around one run that changes it: {@code pre_deploy} once the plan is
 * approved and before anything changes (its failure stops the run), {@code post_deploy} after it,
 * whatever the outcome ({@code CUL8ER_STATUS}), its failure a warning only. Both run under the
 * state lock, in the directory of the file that declares them, each line they print shown as
 * progress.
 */
final class DeployHooks {
  static final String PROGRESS_HOST = "this machine";

  private final LocalHooks hooks;
  private final Map<String, String> before;
  private final ApplyListener listener;
  private final Path directory;
  private final EngineEvents events;
  private final Clock clock;

  DeployHooks(Topology topology, Operation operation, Clock clock, ApplyListener listener, EngineEvents events) {
    this.events = events;
    this.clock = clock;
    this.hooks = topology.hooks();
    this.before = HookVariables.before(topology, operation.word(), LocalProcess.user() + "@" + LocalProcess.host(),
        clock.instant());
    this.listener = listener;
    this.directory = directoryOf(hooks);
  }

  /** Runs {@code pre_deploy}, if any; a failure is a {@link Cul8erException} saying that nothing changed. */
  void preDeploy() {
    hooks.preDeploy().ifPresent(command -> {
      java.time.Instant started = clock.instant();
      try {
        runner("pre_deploy").run("pre_deploy", command, directory, before, hooks.timeout());
        events.hookRan("pre_deploy", PROGRESS_HOST, command, "succeeded", since(started));
      } catch (Cul8erException failed) {
        events.hookRan("pre_deploy", PROGRESS_HOST, command, "failed", since(started));
        throw new Cul8erException(failed.getMessage() + "\nThe deploy was stopped before it changed anything.", failed);
      }
    });
  }

  /** Runs {@code post_deploy}, if any, with the run's outcome; a failure is reported, never thrown. */
  void postDeploy(ApplyResult result) {
    hooks.postDeploy().ifPresent(command -> {
      boolean rolledBack = result.report().rollback().filter(DeployReport.Rollback::complete).isPresent();
      String status = rolledBack ? "rolled_back" : result.outcome().name().toLowerCase(java.util.Locale.ROOT);
      java.time.Instant started = clock.instant();
      try {
        runner("post_deploy").run("post_deploy", command, directory,
            HookVariables.after(before, status, result.took()), hooks.timeout());
        events.hookRan("post_deploy", PROGRESS_HOST, command, "succeeded", since(started));
      } catch (Cul8erException failed) {
        events.hookRan("post_deploy", PROGRESS_HOST, command, "failed", since(started));
        listener.on(new ApplyEvent.Progress(PROGRESS_HOST, "post_deploy", "warning: " + failed.getMessage()
            + " (the deploy's outcome stands: " + status + ")"));
      }
    });
  }

  private java.time.Duration since(java.time.Instant started) {
    return java.time.Duration.between(started, clock.instant());
  }

  private LocalHookRunner runner(String hook) {
    return new LocalHookRunner(line -> listener.on(new ApplyEvent.Progress(PROGRESS_HOST, hook, line)));
  }

  /** The directory of the topology file that declares the hooks; the working directory for one built in Java. */
  private static Path directoryOf(LocalHooks hooks) {
    Optional<Path> parent = Optional.of(Path.of(hooks.pos().file())).filter(Files::isRegularFile)
        .map(Path::toAbsolutePath).map(Path::getParent);
    return parent.orElse(Path.of("").toAbsolutePath());
  }
}
