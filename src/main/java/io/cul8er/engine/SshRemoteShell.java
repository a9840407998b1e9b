package io.cul8er.engine;

import io.cul8er.edge.RemoteShell;
import io.cul8er.ssh.CommandResult;
import io.cul8er.ssh.SshSession;
import io.cul8er.ssh.UnixSocketTunnel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A remote edge's shell over the host's SSH session: commands as exec channels, and each remote
 * socket tunnelled once to a private local socket ({@link UnixSocketTunnel}), closed with the run.
 * The session opens a lost connection again for the next command or tunnelled connection.
 */
final class SshRemoteShell implements RemoteShell, AutoCloseable {
  private final SshSession session;
  private final Map<String, UnixSocketTunnel> tunnels = new ConcurrentHashMap<>();

  SshRemoteShell(SshSession session) {
    this.session = session;
  }

  @Override
  public String describe() {
    return session.target().describe();
  }

  @Override
  public Result run(String command, String stdin, Duration timeout) {
    CommandResult result = session.exec(command, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), timeout);
    return new Result(result.exitCode(), result.stdout(), result.stderr());
  }

  @Override
  public Path socket(String remotePath) {
    return tunnels.computeIfAbsent(remotePath, session::tunnel).localSocket();
  }

  @Override
  public AutoCloseable hold(String command, String ready, Duration timeout) {
    return session.hold(command, ready, timeout);
  }

  @Override
  public void close() {
    tunnels.values().forEach(UnixSocketTunnel::close);
    tunnels.clear();
  }
}
