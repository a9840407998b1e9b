package io.cul8er.incus.api;

/** How a command run inside an instance ended, and what it wrote. */
public record ExecResult(int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }
}
