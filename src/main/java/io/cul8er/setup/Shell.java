package io.cul8er.setup;

import io.cul8er.ssh.CommandResult;
import java.time.Duration;

/** Runs a POSIX shell command on a host: locally, or over SSH. */
public interface Shell {
  CommandResult run(String command, Duration timeout);

  /** {@code root@10.0.1.20:22 over SSH}, {@code this machine}: for the report. */
  String describe();
}
