package io.cul8er.setup;

/** One line of a host's preparation: already fine, a command to run, or something only a person can do. */
public sealed interface SetupStep {
  String what();

  /** Already as it should be. */
  record Ok(String what, String detail) implements SetupStep {}

  /** Not yet as it should be; {@code command} makes it so. */
  record Run(String what, String command) implements SetupStep {}

  /** Not as it should be, and not automated here; {@code instructions} say what to do. */
  record Manual(String what, String instructions) implements SetupStep {}
}
