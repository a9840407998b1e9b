package io.cul8er;

import io.cul8er.model.StateBackend;
import io.cul8er.state.StateBackendChoice;
import io.cul8er.state.StateStore;
import io.cul8er.state.file.FileStateStore;
import io.cul8er.state.postgres.PostgresStateStore;
import java.nio.file.Path;

/**
 * Opens the state store a topology names. It lives in the facade, which may use every backend, so
 * that {@code io.cul8er.state} stays ignorant of its sub-packages (they depend on it, not the
 * reverse).
 */
public final class StateStores {
  private StateStores() {}

  /** The file store of {@code topology} in {@code directory} (for example {@code .cul8er}). */
  public static StateStore open(Path directory, String topology) {
    return new FileStateStore(directory, topology);
  }

  /**
   * The store {@code backend} describes, unless the environment names a database (see {@link
   * StateBackendChoice}). A file backend's directory is resolved against the directory of {@code
   * topologyFile}.
   */
  public static StateStore open(StateBackend backend, Path topologyFile, String topology) {
    return open(StateBackendChoice.fromEnvironment(), backend, topologyFile, topology);
  }

  /** The store {@code choice} selects for a topology whose DSL declares {@code declared}. */
  public static StateStore open(
      StateBackendChoice choice, StateBackend declared, Path topologyFile, String topology) {
    StateBackend backend = choice.resolve(declared);
    if (backend instanceof StateBackend.File file) {
      Path base = topologyFile.toAbsolutePath().getParent();
      return open(base.resolve(file.directory()), topology);
    }
    return PostgresStateStore.open(
        (StateBackend.Postgres) backend, choice.environment(), topology);
  }
}
