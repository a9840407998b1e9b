package io.cul8er.setup;

import io.cul8er.network.ShellQuote;
import io.cul8er.ssh.CommandResult;
import io.cul8er.ssh.SshSession;
import java.time.Duration;

/** Runs commands on a host over its SSH session ({@code sh -c}, whatever the login shell). */
public final class SshShell implements Shell, AutoCloseable {
  private final SshSession session;

  public SshShell(SshSession session) {
    this.session = session;
  }

  @Override
  public CommandResult run(String command, Duration timeout) {
    return session.exec("sh -c " + ShellQuote.quote(command), timeout);
  }

  @Override
  public String describe() {
    return session.target().endpoint() + " over SSH";
  }

  @Override
  public void close() {
    session.close();
  }
}
