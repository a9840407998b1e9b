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
 * Runs HAProxy for one configuration file in master-worker mode: {@code haproxy -W -D -S
 * MASTER_SOCKET -f CFG -p PIDFILE}. The pid file names the master; the master forks the worker that
 * serves; the master's CLI ({@code master.sock} next to the admin socket) reloads it and says how
 * each reload went.
 *
 * <p>Why master-worker: each replaced HAProxy must be reaped by its parent. A plain daemon ({@code
 * -D}) replaced by a reload ({@code -sf}) is an orphan whose parent is PID 1, and on machines where
 * PID 1 is not a real init (a container's or micro-VM's agent) it stays a zombie until PID 1 gets
 * round to reaping it. The master is the old worker's parent and reaps it at once.
 *
 * <p>Start is idempotent (a live master named by the pid file is kept); reload is seamless ({@code
 * reload} on the master CLI: the master re-executes itself with the file, the new worker takes the
 * listening sockets over from the old one, {@code -x}, and the old worker finishes its
 * connections, {@code -sf}); stop terminates master and worker. Reloads go through the CLI, not
 * SIGUSR2, because a master still re-executing from the previous reload loses that signal (seen
 * with HAProxy 2.6 for signals 0.05-0.3 s apart); the CLI answers only once the master's loop runs.
 */
public final class HaproxyProcess {
  public static final Path DEBIAN_BINARY = Path.of("/usr/sbin/haproxy");

  private final Path binary;
  private final Path config;
  private final Path pidFile;
  private final EdgeSettings settings;
  private final Duration timeout;
  private final ProcFs proc;
  private final Path masterSocket;

  public HaproxyProcess(Path binary, Path config, Path pidFile, EdgeSettings settings, Duration timeout) {
    this(binary, config, pidFile, settings, timeout, ProcFs.LOCAL);
  }

  HaproxyProcess(Path binary, Path config, Path pidFile, EdgeSettings settings, Duration timeout, ProcFs proc) {
    this.binary = binary;
    this.config = config;
    this.pidFile = pidFile;
    this.settings = settings;
    this.timeout = timeout;
    this.proc = proc;
    this.masterSocket = settings.adminSocket().resolveSibling("master.sock");
  }

  public HaproxyProcess(Path config, Path pidFile, EdgeSettings settings) {
    this(DEBIAN_BINARY, config, pidFile, settings, Duration.ofSeconds(10));
  }

  /** A client of this HAProxy's admin socket, waiting up to 60 s while HAProxy restarts. */
  public HaproxyRuntime runtime() {
    return new HaproxyRuntime(settings.adminSocket());
  }

  /** A client that waits up to {@code unavailable} while the admin socket is missing or refuses. */
  public HaproxyRuntime runtime(Duration unavailable) {
    return new HaproxyRuntime(settings.adminSocket(), HaproxyRuntime.DEFAULT_TIMEOUT, unavailable);
  }

  /**
   * The pid of the master the pid file names, if that process is alive (a zombie is not) and is
   * HAProxy running this configuration file.
   */
  public Optional<Long> pid() {
    if (!Files.isReadable(pidFile)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).lines().findFirst().orElse("").trim());
      return Optional.of(pid).filter(this::runsThisConfig);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public boolean running() {
    return pid().isPresent();
  }

  /** The pid of the worker that answers on the admin socket now, if one does. */
  public Optional<Long> workerPid() {
    try {
      return Optional.of(RuntimeParsers.infoPid(quickRuntime().execute(RuntimeCommands.showInfo())));
    } catch (HaproxyUnreachableException | HaproxyCommandException e) {
      return Optional.empty();
    }
  }

  /** Every live process of this HAProxy: the master and its workers, old ones included. */
  public List<Long> processes() {
    Optional<Long> master = pid();
    if (master.isEmpty()) {
      return List.of();
    }
    List<Long> all = new ArrayList<>(List.of(master.get()));
    proc.children(master.get()).stream().filter(this::alive).forEach(all::add);
    return all;
  }

  /**
   * {@code haproxy -c}: refuses a configuration HAProxy would not load, with its reasons, and
   * returns what HAProxy said about one it accepts (warnings included).
   */
  public String validate() {
    return validate(config);
  }

  /** {@code haproxy -c} on another file, e.g. a configuration not yet put in place. */
  public String validate(Path file) {
    return run("check " + file, List.of(binary.toString(), "-c", "-f", file.toString()));
  }

  /** Starts HAProxy unless it already runs; returns the master's pid once a worker answers. */
  public long start() {
    if (running()) {
      return pid().orElseThrow();
    }
    validate();
    return startValidated();
  }

  /** {@link #start} of a file the caller has just validated. */
  long startValidated() {
    Optional<Long> running = pid();
    if (running.isPresent()) {
      return running.get();
    }
    stop(leftovers());
    resetServerStateFile();
    run("start HAProxy with " + config, launch(List.of()));
    awaitWorker(Optional.empty());
    return pid().orElseThrow(() -> new Cul8erException("HAProxy for " + config + " exited right after it started"));
  }

  /**
   * Loads the configuration file again without dropping a connection and returns the pid of the
   * new worker. Server states (drain, maintenance, weights) are saved first when the settings name
   * a server state file. A plain daemon left by an earlier version is replaced by a master-worker
   * HAProxy that takes its sockets over ({@code -x SOCKET -sf PID}).
   */
  public long reload() {
    validate();
    return reloadValidated();
  }

  /** {@link #reload} of a file the caller has just validated. */
  long reloadValidated() {
    Optional<Long> master = pid();
    if (master.isEmpty()) {
      startValidated();
      return workerPid().orElseThrow();
    }
    Optional<Long> oldWorker = workerPid();
    if (!proc.arguments(master.get()).contains("-S")) {
      saveServerStates();
      List<String> handover = List.of("-x", settings.adminSocket().toString(), "-sf", Long.toString(master.get()));
      run("reload HAProxy with " + config, launch(handover));
      return awaitWorker(oldWorker.or(() -> master));
    }
    HaproxyRuntime cli = masterCli();
    MasterStatus before = MasterReload.status(cli);
    saveServerStates();
    MasterReload.reload(cli, before, timeout, config.toString());
    return awaitWorker(oldWorker);
  }

  /** The master's own CLI, which answers once its loop runs: waits while the master re-executes. */
  private HaproxyRuntime masterCli() {
    return new HaproxyRuntime(masterSocket, HaproxyRuntime.DEFAULT_TIMEOUT, timeout);
  }

  /** Stops HAProxy now (SIGTERM, then SIGKILL after the timeout); does nothing if it is not running. */
  public void stop() {
    stop(processes());
    deletePidFile();
  }

  /** SIGTERM to each, then waits for all to exit; SIGKILL to those left after the timeout. */
  private void stop(List<Long> processes) {
    processes.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (processes.stream().anyMatch(this::alive) && System.nanoTime() < deadline) {
      pause();
    }
    processes.stream().filter(this::alive).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  /**
   * Processes of this configuration left without a master (it was killed and they have not
   * noticed yet): they would hold the ports the next start binds.
   */
  private List<Long> leftovers() {
    return proc.pids().stream().filter(this::runsThisConfig).toList();
  }


  /** Whether {@code pid} is a live HAProxy process (master or worker) of this configuration file. */
  boolean runsThisConfig(long pid) {
    return alive(pid)
        && proc.stat(pid).map(s -> s.name().equals("haproxy")).orElse(false)
        && proc.arguments(pid).contains(config.toString());
  }

  private boolean alive(long pid) {
    return proc.stat(pid).map(ProcFs.Stat::alive).orElse(false);
  }

  private void deletePidFile() {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new Cul8erException("Stopped HAProxy but could not delete " + pidFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * A fresh start begins from an empty state file (format version only): states saved by an
   * HAProxy that is gone (servers drained or down when it stopped) must not carry over to servers
   * of the same name.
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
      String states = runtime(timeout).execute(RuntimeCommands.showServersState());
      try {
        Files.writeString(file, states);
      } catch (IOException e) {
        throw new Cul8erException("Could not save HAProxy's server states to " + file, e);
      }
    }
  }

  private List<String> launch(List<String> extra) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "-W", "-D", "-S", masterSocket + ",mode,600",
        "-f", config.toString(), "-p", pidFile.toString()));
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

  /**
   * Waits until a worker other than {@code previous}, a child of the master the pid file names,
   * answers on the admin socket; returns its pid. A master-worker HAProxy that cannot load the new
   * configuration keeps its old worker, so waiting is how a failed reload shows.
   */
  private long awaitWorker(Optional<Long> previous) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    Optional<Long> answering = Optional.empty();
    while (System.nanoTime() < deadline) {
      Optional<Long> master = pid();
      if (master.isPresent()) {
        try {
          answering = Optional.of(RuntimeParsers.infoPid(quickRuntime().execute(RuntimeCommands.showInfo())));
          long worker = answering.get();
          if (!previous.equals(answering) && proc.stat(worker).map(s -> s.parent() == master.get()).orElse(false)) {
            return worker;
          }
        } catch (HaproxyUnreachableException | HaproxyCommandException e) {
          last = e;
        }
      }
      pause();
    }
    if (previous.isPresent() && previous.equals(answering)) {
      throw new Cul8erException(
          "HAProxy for " + config + " did not take the new configuration within " + timeout.toMillis()
              + " ms: its worker " + previous.get() + " still serves the previous one (HAProxy keeps it when the"
              + " new one cannot start, e.g. when a port cannot be bound)");
    }
    throw new Cul8erException(
        "HAProxy for " + config + " did not answer on " + settings.adminSocket() + " within "
            + timeout.toMillis() + " ms" + (last == null ? "" : ": " + last.getMessage()));
  }

  /** No waiting for a restart: these polls have their own deadline. */
  private HaproxyRuntime quickRuntime() {
    return new HaproxyRuntime(settings.adminSocket(), HaproxyRuntime.DEFAULT_TIMEOUT, Duration.ZERO);
  }

  private static void pause() {
    MasterReload.pause();
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
