package io.cul8er.engine;

import io.cul8er.incus.ExecIo;
import io.cul8er.incus.api.ExecCommand;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Topology;
import io.cul8er.release.ReleaseExec;
import io.cul8er.release.ReleaseLayout;
import io.cul8er.state.StateStore;
import java.util.List;
import java.util.OptionalInt;

/** {@code cul8er exec}: a command run in one instance of a resource as its release runs, attached to this process. */
public final class ReleaseAttach {
  private final Engine engine;

  ReleaseAttach(Engine engine) {
    this.engine = engine;
  }

  /**
   * Runs {@code command} in the {@code number}th recorded instance of {@code resource} (the first
   * when empty), with the release's environment and secrets, in its active version; yields the
   * command's exit code.
   */
  public int exec(Topology topology, StateStore store, String resource, OptionalInt number, List<String> command,
      ExecIo io) {
    ReleaseInstances found = ReleaseInstances.of(topology, store, resource,
        "has no release to run a command with; use `incus exec` for a plain shell");
    RecordedInstance instance = found.pick(number, resource);
    List<String> argv = ReleaseExec.command(ReleaseLayout.of(found.release()), command);
    return engine.hostTools(topology, instance.host()).attach(instance.instanceName(),
        ExecCommand.of(argv.toArray(String[]::new)), io);
  }
}
