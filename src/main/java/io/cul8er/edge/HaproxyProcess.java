package io.cul8er.edge;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs HAProxy as a daemon for one configuration file: {@code haproxy -f CFG -D -p PIDFILE}. Start
 * is idempotent (a live HAProxy named by the pid file is kept); reload is seamless (the new
 * process takes the listening sockets over the admin socket with {@code -x} and the old one
 * finishes its connections, {@code -sf}); stop terminates the pid.
 */
public final class HaproxyProcess {
  public static final Path DEBIAN_BINARY = Path.of("/usr/sbin/haproxy");

  private final Path binary;
  private final Path config;
  private final Path pidFile;
  private final EdgeSettings settings;
  private final Duration timeout;

  public HaproxyProcess(Path binary, Path config, Path pidFile, EdgeSettings settings, Duration timeout) {
    this.binary = binary;
    this.config = config;
    this.pidFile = pidFile;
    this.settings = settings;
    this.timeout = timeout;
  }

  public HaproxyProcess(Path config, Path pidFile, EdgeSettings settings) {
    this(DEBIAN_BINARY, config, pidFile, settings, Duration.ofSeconds(10));
  }

  /** A client of this HAProxy's admin socket. */
  public HaproxyRuntime runtime() {
    return new HaproxyRuntime(settings.adminSocket());
  }

  /** The pid of the HAProxy the pid file names, if that process is alive and is HAProxy. */
  public Optional<Long> pid() {
    if (!Files.isReadable(pidFile)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).lines().findFirst().orElse("").trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.contains("haproxy")).orElse(true))
          .map(ProcessHandle::pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public boolean running() {
    return pid().isPresent();
  }

  /**
   * {@code haproxy -c}: refuses a configuration HAProxy would not load, with its reasons, and
   * returns what HAProxy said about one it accepts (warnings included).
   */
  public String validate() {
    return run("check " + config, List.of(binary.toString(), "-c", "-f", config.toString()));
  }

  /** Starts HAProxy unless it already runs; returns once the admin socket answers. */
  public long start() {
    Optional<Long> running = pid();
    if (running.isPresent()) {
      return running.get();
    }
    resetServerStateFile();
    validate();
    run("start HAProxy with " + config, daemon(List.of()));
    return awaitAnswering(Optional.empty());
  }

  /**
   * Loads the configuration file again without dropping a connection. Server states (drain,
   * maintenance, weights) are saved first when the settings name a server state file.
   */
  public long reload() {
    Optional<Long> old = pid();
    if (old.isEmpty()) {
      return start();
    }
    validate();
    saveServerStates();
    List<String> handover =
        List.of("-x", settings.adminSocket().toString(), "-sf", Long.toString(old.get()));
    run("reload HAProxy with " + config, daemon(handover));
    return awaitAnswering(old);
  }

  /** Stops HAProxy now (SIGTERM, then SIGKILL after the timeout); does nothing if it is not running. */
  public void stop() {
    Optional<Long> pid = pid();
    if (pid.isEmpty()) {
      return;
    }
    ProcessHandle handle = ProcessHandle.of(pid.get()).orElseThrow();
    handle.destroy();
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception notYet) {
      handle.destroyForcibly();
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new Cul8erException("Stopped HAProxy " + pid.get() + " but could not delete " + pidFile, e);
    }
  }

  /** An empty state file (format version only), so that the first start loads nothing quietly. */
  /**
   * A fresh start begins from an empty state file: states saved by an HAProxy that is gone (servers
   * drained or down when it stopped) must not carry over to servers of the same name.
   */
  private void resetServerStateFile() {
    Optional<Path> file = settings.serverStateFile();
    if (file.isPresent()) {
      try {
        Files.writeString(file.get(), "1\n");
      } catch (IOException e) {
        throw new Cul8erException("Could not create HAProxy's server state file " + file.get(), e);
      }
    }
  }

  private void saveServerStates() {
    if (settings.serverStateFile().isPresent()) {
      Path file = settings.serverStateFile().get();
      String states = runtime().execute(RuntimeCommands.showServersState());
      try {
        Files.writeString(file, states);
      } catch (IOException e) {
        throw new Cul8erException("Could not save HAProxy's server states to " + file, e);
      }
    }
  }

  private List<String> daemon(List<String> extra) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "-f", config.toString(), "-D", "-p", pidFile.toString()));
    command.addAll(extra);
    return command;
  }

  /** Runs a short HAProxy command; its output goes to a file, since a daemon may keep pipes open. */
  private String run(String what, List<String> command) {
    Path log = null;
    try {
      log = Files.createTempFile("haproxy-", ".log");
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new Cul8erException("Could not " + what + ": `" + String.join(" ", command) + "` did not finish within " + timeout.toMillis() + " ms");
      }
      String output = Files.readString(log, StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        throw new Cul8erException(
            "Could not " + what + ": `" + String.join(" ", command) + "` exited with " + process.exitValue()
                + (output.isEmpty() ? "" : ":\n" + output));
      }
      return output;
    } catch (IOException e) {
      throw new Cul8erException("Could not " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while trying to " + what, e);
    } finally {
      deleteQuietly(log);
    }
  }

  /** Waits until the pid file names a new live HAProxy whose admin socket answers as that pid. */
  private long awaitAnswering(Optional<Long> previous) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      Optional<Long> pid = pid().filter(p -> !previous.equals(Optional.of(p)));
      if (pid.isPresent()) {
        try {
          String info = runtime().execute(RuntimeCommands.showInfo());
          if (info.contains("\nPid: " + pid.get() + "\n")) {
            return pid.get();
          }
        } catch (HaproxyUnreachableException | HaproxyCommandException e) {
          last = e;
        }
      }
      sleep();
    }
    throw new Cul8erException(
        "HAProxy for " + config + " did not answer on " + settings.adminSocket() + " within "
            + timeout.toMillis() + " ms" + (last == null ? "" : ": " + last.getMessage()));
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while waiting for HAProxy", e);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temporary log is harmless
      }
    }
  }
}
