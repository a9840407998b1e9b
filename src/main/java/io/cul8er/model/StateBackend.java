package io.cul8er.model;

import java.util.Optional;

/** Where the recorded state lives. */
public sealed interface StateBackend extends Positioned {

  /** Default: a directory (relative to the topology file) holding state, lock and audit log. */
  record File(String directory, SourcePos pos) implements StateBackend {}

  /** A shared PostgreSQL database; the password is never in the DSL. */
  record Postgres(String url, Optional<SecretRef> password, SourcePos pos) implements StateBackend {}

  static StateBackend defaultFile() {
    return new File(".cul8er", SourcePos.NONE);
  }
}
