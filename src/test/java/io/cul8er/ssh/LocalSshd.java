package io.cul8er.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An OpenSSH server on loopback for a test, started and stopped with scripts/services/sshd.sh: its
 * own host key, listening on a free port of every address given, and a client key for each user
 * that may log in: root, {@value #TEST_USER} (may use the Incus socket) and {@value #OUTSIDER}
 * (may not).
 */
public final class LocalSshd implements AutoCloseable {
  /** An ordinary user in the group that owns the Incus socket. */
  public static final String TEST_USER = "cul8er-test";
  /** An ordinary user outside that group, without sudo. */
  public static final String OUTSIDER = "cul8er-outsider";

  private static final Path SCRIPT = Path.of("scripts/services/sshd.sh").toAbsolutePath();

  private final Path dir;
  private final int port;
  private final List<String> addresses;

  private LocalSshd(Path dir, int port, List<String> addresses) {
    this.dir = dir;
    this.port = port;
    this.addresses = List.copyOf(addresses);
  }

  /** Starts an sshd with files in {@code dir} (created), on a free port of {@code addresses}. */
  public static LocalSshd start(Path dir, String... addresses) {
    return start(dir, freePort(), addresses);
  }

  public static LocalSshd start(Path dir, int port, String... addresses) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "start", dir.toString(), String.valueOf(port)));
    command.addAll(List.of(addresses));
    run(command);
    return new LocalSshd(dir, port, List.of(addresses));
  }

  public Path dir() {
    return dir;
  }

  public int port() {
    return port;
  }

  public List<String> addresses() {
    return addresses;
  }

  /** The client key of root. */
  public Path clientKey() {
    return dir.resolve("id_ed25519");
  }

  /** The client key of {@link #TEST_USER} or {@link #OUTSIDER}. */
  public Path clientKey(String user) {
    return dir.resolve("id_ed25519." + user);
  }

  /** The OpenSSH client configuration: {@link #TEST_USER}, this port, its key, DIR/known_hosts. */
  public Path sshConfig() {
    return dir.resolve("ssh_config");
  }

  /** How many SSH sessions {@code user} opened so far ("Accepted publickey" lines of the log). */
  public long sessionsOf(String user) {
    try {
      return Files.readAllLines(dir.resolve("sshd.log")).stream()
          .filter(line -> line.contains("Accepted publickey for " + user + " from ")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** known_hosts lines trusting this server's host key on each of its addresses. */
  public String trustedKnownHosts() {
    try {
      return Files.readString(dir.resolve("known_hosts.trusted"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The host key as OpenSSH prints it: {@code 256 SHA256:... comment (ED25519)}. */
  public String hostKeyFingerprint() {
    return run(List.of("ssh-keygen", "-lf", dir.resolve("ssh_host_ed25519_key.pub").toString())).trim();
  }

  /** Writes a known_hosts file that trusts this server; returns its path. */
  public Path writeKnownHosts(Path file) {
    try {
      Files.writeString(file, trustedKnownHosts());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void stop() {
    run(List.of("bash", SCRIPT.toString(), "stop", dir.toString()));
  }

  @Override
  public void close() {
    stop();
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
