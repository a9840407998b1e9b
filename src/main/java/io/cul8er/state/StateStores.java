package io.cul8er.state;

import io.cul8er.model.StateBackend;
import io.cul8er.state.file.FileStateStore;
import java.nio.file.Path;

/** Opens the state store a topology names. */
public final class StateStores {
  /** The default state directory, next to the topology file. */
  public static final String DEFAULT_DIRECTORY = ".cul8er";

  private StateStores() {}

  /** The file store of {@code topology} in {@code directory} (for example {@code .cul8er}). */
  public static StateStore open(Path directory, String topology) {
    return new FileStateStore(directory, topology);
  }

  /**
   * The store {@code backend} describes. A file backend's directory is resolved against the
   * directory of {@code topologyFile}.
   */
  public static StateStore open(StateBackend backend, Path topologyFile, String topology) {
    if (backend instanceof StateBackend.File file) {
      Path base = topologyFile.toAbsolutePath().getParent();
      return open(base.resolve(file.directory()), topology);
    }
    StateBackend.Postgres postgres = (StateBackend.Postgres) backend;
    throw new StateException(
        "Tried to open the PostgreSQL state at "
            + postgres.url()
            + " for topology `"
            + topology
            + "`, but this version of C U L8er only has the file state backend");
  }
}
