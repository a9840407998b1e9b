package io.cul8er.cli;

import io.cul8er.Project;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.StateSnapshot;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.LocalProcess;
import io.cul8er.state.LockInfo;
import io.cul8er.state.LockStatus;
import io.cul8er.state.StateStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "lock",
    mixinStandardHelpOptions = true,
    description = "Shows or force-releases state locks.",
    subcommands = {LockCommand.Status.class, LockCommand.Release.class})
final class LockCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows who holds the lock of each topology.")
  static final class Status implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TOPOLOGY") String name;
    @Mixin FileOptions files;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Project project = Session.project(files, spec.commandLine().getErr());
      for (String topology : name == null ? project.topologyNames() : java.util.List.of(name)) {
        LockStatus status = project.stateStore(topology).status();
        out.println(topology + ": " + describe(status));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "release",
      mixinStandardHelpOptions = true,
      description = {"Force-releases the lock with this ID. Only do this when its holder is gone:",
          "two runs writing the same state at once can lose changes."})
  static final class Release implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LOCK_ID") String id;
    @Mixin FileOptions files;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      UUID lockId;
      try {
        lockId = UUID.fromString(id);
      } catch (IllegalArgumentException e) {
        throw new Cul8erException("`" + id + "` is not a lock ID; `cul8er lock status` shows the IDs of held locks");
      }
      Project project = Session.project(files, spec.commandLine().getErr());
      for (String topology : project.topologyNames()) {
        StateStore store = project.stateStore(topology);
        if (holds(store.status(), lockId)) {
          String holder = describe(store.status());
          store.forceRelease(lockId);
          audit(store, topology, "force-released lock " + lockId + " (" + holder + ")");
          spec.commandLine().getOut().println("Released lock " + lockId + " of topology " + topology + ".");
          return ExitCodes.OK;
        }
      }
      throw new Cul8erException("No topology in " + String.join(", ", project.parsed().sources().keySet())
          + " is locked with ID " + lockId + "; `cul8er lock status` shows the held locks");
    }
  }

  /** A forced release is recorded like every other operation that can change who writes the state. */
  static void audit(StateStore store, String topology, String summary) {
    var state = store.read();
    long serial = state.map(StateSnapshot::serial).orElse(0L);
    store.append(new AuditEntry(Instant.now(), LocalProcess.user(), LocalProcess.host(), "lock-release", topology,
        AuditEntry.Outcome.SUCCEEDED, Duration.ZERO, state.map(StateSnapshot::lineage).orElse(""), serial, serial,
        summary));
  }

  static boolean holds(LockStatus status, UUID id) {
    if (status instanceof LockStatus.Held held) {
      return held.holder().map(LockInfo::id).filter(id::equals).isPresent();
    }
    if (status instanceof LockStatus.Stale stale) {
      return stale.lock().holder().id().equals(id);
    }
    return false;
  }

  static String describe(LockStatus status) {
    if (status instanceof LockStatus.Held held) {
      return "locked by " + held.holder().map(LockInfo::describe).orElse("an unknown holder");
    }
    if (status instanceof LockStatus.Stale stale) {
      return "stale lock (its holder is gone): " + stale.lock().holder().describe() + " (" + stale.lock().reason() + ")"
          + "; the next apply takes it over";
    }
    return "unlocked";
  }
}
