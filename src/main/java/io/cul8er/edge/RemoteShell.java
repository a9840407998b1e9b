package io.cul8er.edge;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a remote edge needs of its host's connection (an SSH session): commands, and local ends of
 * the host's Unix sockets. Implemented where the SSH sessions are (the engine).
 */
public interface RemoteShell {
  /** The host for messages, e.g. {@code web_1 (deploy@10.0.1.20:22)}. */
  String describe();

  /** Runs {@code command} with {@code stdin} (none when null) through the login user's shell. */
  Result run(String command, String stdin, Duration timeout);

  /** A Unix socket of this machine whose connections reach {@code remotePath} on the host. */
  Path socket(String remotePath);

  /**
   * Starts {@code command} and returns once it printed {@code ready}; it runs (its input open)
   * until what is returned is closed, or the connection is lost.
   */
  AutoCloseable hold(String command, String ready, Duration timeout);

  /** What a command did. */
  record Result(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** Standard error, else standard output, stripped: what to quote when it failed. */
    public String why() {
      return (stderr.isBlank() ? stdout : stderr).strip();
    }
  }
}
