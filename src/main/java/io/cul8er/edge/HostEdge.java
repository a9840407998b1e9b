package io.cul8er.edge;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The edge of this host: one HAProxy serving every topology deployed here. Each topology's part is
 * a fragment file ({@code topologies.d/TOPOLOGY.json}); the fragments are the truth about which
 * topology holds which public port, and haproxy.cfg is rendered from all of them. Every change
 * happens under the host edge lock, so topologies deploying at the same time never lose each
 * other's configuration, and a change reloads HAProxy seamlessly, so deploying or removing one
 * topology drops no request of another.
 *
 * <p>Files in {@link #directory()}: {@code haproxy.cfg}, {@code haproxy.pid} (the master), {@code
 * admin.sock} (the Runtime API), {@code master.sock} (the master's CLI), {@code server-state},
 * {@code edge.lock} and the fragments.
 */
public final class HostEdge implements EdgeHost {
  /** Where the host edge lives unless this environment variable says otherwise. */
  public static final String DIRECTORY_VARIABLE = "CUL8ER_EDGE_DIR";
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

  private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(10);

  private final Path directory;
  private final Path config;
  private final EdgeSettings settings;
  private final HaproxyProcess process;
  private final FragmentStore fragments;
  private final LegacyEdges legacy;
  private final TlsBundles bundles;
  private final EdgeLock lock;
  private final ProcFs proc;
  private final Duration runtimeUnavailable;
  private final Duration lockWait;

  /**
   * The host edge of this machine: {@code $CUL8ER_EDGE_DIR} if set, else {@code /run/cul8er/edge}
   * for root, else a private directory under the temporary one; Debian's HAProxy.
   */
  public static HostEdge local() {
    return new HostEdge(directory(System.getenv(DIRECTORY_VARIABLE)), HaproxyRuntime.DEFAULT_UNAVAILABLE);
  }

  /** A host edge in {@code directory} whose Runtime API calls wait up to {@code runtimeUnavailable} for HAProxy. */
  public HostEdge(Path directory, Duration runtimeUnavailable) {
    this(directory, HaproxyProcess.DEBIAN_BINARY, runtimeUnavailable, DEFAULT_LOCK_WAIT, ProcFs.LOCAL);
  }

  HostEdge(Path directory, Path binary, Duration runtimeUnavailable, Duration lockWait, ProcFs proc) {
    this.directory = directory.toAbsolutePath().normalize();
    this.config = this.directory.resolve("haproxy.cfg");
    this.settings = EdgeSettings.defaults(this.directory.resolve("admin.sock"))
        .withServerStateFile(this.directory.resolve("server-state"))
        .withCertificateDirectory(this.directory.resolve("certs"));
    this.process =
        new HaproxyProcess(binary, config, this.directory.resolve("haproxy.pid"), settings, PROCESS_TIMEOUT, proc);
    this.fragments = new FragmentStore(this.directory);
    this.legacy = new LegacyEdges(this.directory, proc);
    this.bundles = new TlsBundles(settings.certificateDirectory(), SelfSignedNames.ofThisHost());
    this.lock = new EdgeLock(this.directory.resolve("edge.lock"));
    this.proc = proc;
    this.runtimeUnavailable = runtimeUnavailable;
    this.lockWait = lockWait;
  }

  /** {@code configured} when set; else /run/cul8er/edge for root, else a directory under java.io.tmpdir. */
  public static Path directory(String configured) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String user = System.getProperty("user.name");
    return "root".equals(user)
        ? Path.of("/run/cul8er/edge")
        : Path.of(System.getProperty("java.io.tmpdir"), "cul8er-edge-" + user);
  }

  @Override
  public String describe() {
    return "this host's edge (" + directory + ")";
  }

  public Path directory() {
    return directory;
  }

  /** Runs {@code work} under the host edge lock, waiting for it up to {@code wait}; reentrant. */
  public <T> T locked(Duration wait, Supplier<T> work) {
    return lock.locked(wait, work);
  }

  /**
   * Why {@code topology} cannot claim these public ports here: one another topology's fragment
   * holds (whole, or for a name this claim answers too), or one another process listens on.
   */
  @Override
  public List<PortProblem> claimProblems(String topology, List<PortClaim> claims) {
    return PortCheck.problems(
        EdgeNames.topology(topology), claims, fragments.all(), proc, process::runsThisConfig, legacy.running());
  }

  /** Whether the host edge's HAProxy runs: a pid check, no Runtime API call. */
  @Override
  public boolean running() {
    return process.running();
  }

  /** Whether HAProxy runs, the ports its processes listen on, and every server's state. */
  @Override
  public EdgeObservation observe() {
    Optional<Long> master = process.pid();
    if (master.isEmpty()) {
      return EdgeObservation.stopped();
    }
    return new EdgeObservation(true, master, listening(process.processes()), servers());
  }

  /**
   * Makes the host edge serve {@code services} as {@code topology}'s: checks its public ports,
   * writes its fragment, renders haproxy.cfg from all fragments, and starts HAProxy or reloads it
   * seamlessly when the file changed. No services is the same as {@link #remove}. Under the lock.
   */
  @Override
  public EdgeChange apply(String topology, List<EdgeService> services) {
    return apply(topology, services, EdgeCertificates.NONE);
  }

  /**
   * {@link #apply(String, List)} with the certificates the TLS services name: each written once as
   * a bundle of mode 0600 in {@code certs/} (the host's self-signed one made when first needed);
   * a rotated certificate has another digest, so haproxy.cfg changes and HAProxy reloads seamlessly.
   */
  @Override
  public EdgeChange apply(String topology, List<EdgeService> services, EdgeCertificates certificates) {
    if (services.isEmpty()) {
      return locked(lockWait, () -> removeLocked(EdgeNames.topology(topology)));
    }
    Fragment fragment = new Fragment(topology, services);
    return locked(lockWait, () -> applyLocked(fragment, certificates));
  }

  /**
   * Drops {@code topology}'s fragment (and its old per-topology edge, if one is left) and reloads
   * HAProxy; when no fragment is left HAProxy is stopped and the host edge's files deleted.
   */
  @Override
  public void remove(String topology) {
    String name = EdgeNames.topology(topology);
    locked(lockWait, () -> removeLocked(name));
  }

  /** Drain, enable, weights and statistics through the Runtime API, waiting for HAProxy while it restarts. */
  @Override
  public Edge runtime() {
    return new Edge(new HaproxyRuntime(settings.adminSocket(), HaproxyRuntime.DEFAULT_TIMEOUT, runtimeUnavailable));
  }

  @Override
  public Optional<Fragment> fragment(String topology) {
    return fragments.read(topology);
  }

  public List<Fragment> fragments() {
    return fragments.all();
  }

  private EdgeChange applyLocked(Fragment fragment, EdgeCertificates certificates) {
    String topology = fragment.topology();
    boolean running = process.running();
    List<Fragment> all = Stream.concat(
            fragments.all().stream().filter(f -> !f.topology().equals(topology)), Stream.of(fragment))
        .sorted(Comparator.comparing(Fragment::topology))
        .toList();
    List<PortProblem> problems =
        running ? claimProblems(topology, fragment.claims()) : problems(topology, all);
    if (!problems.isEmpty()) {
      throw new Cul8erException("Cannot serve topology " + topology + " on this host's edge (" + directory + "): "
          + messages(problems));
    }
    Optional<Fragment> previous = fragments.read(topology);
    String text = HaproxyConfig.renderFragments(settings, all);
    if (running && text.equals(currentConfig())) {
      if (!previous.equals(Optional.of(fragment))) {
        fragments.write(fragment);
      }
      return EdgeChange.UNCHANGED;
    }
    Path next = directory.resolve("haproxy.cfg.next");
    write(next, text);
    bundles.write(fragment.services(), certificates);
    process.validate(next);
    fragments.write(fragment);
    move(next, config);
    legacy.retire(topology, PROCESS_TIMEOUT);
    try {
      EdgeChange change;
      if (running) {
        process.reloadValidated();
        change = EdgeChange.RELOADED;
      } else {
        process.startValidated();
        change = EdgeChange.STARTED;
      }
      bundles.keepOnly(services(all));
      return change;
    } catch (Cul8erException e) {
      previous.ifPresentOrElse(fragments::write, () -> fragments.delete(topology));
      write(config, HaproxyConfig.renderFragments(settings, fragments.all()));
      List<PortProblem> now = problems(topology, all);
      throw new Cul8erException("Could not " + (running ? "reload" : "start") + " this host's edge with topology "
          + topology + ": " + (now.isEmpty() ? e.getMessage() : messages(now)), e);
    }
  }

  private EdgeChange removeLocked(String topology) {
    boolean had = fragments.delete(topology);
    legacy.retire(topology, PROCESS_TIMEOUT);
    List<Fragment> rest = fragments.all();
    if (rest.isEmpty()) {
      boolean was = process.running();
      process.stop();
      deleteFiles();
      return was ? EdgeChange.STOPPED : EdgeChange.UNCHANGED;
    }
    if (!had) {
      return EdgeChange.UNCHANGED;
    }
    write(config, HaproxyConfig.renderFragments(settings, rest));
    if (process.running()) {
      process.reload();
      bundles.keepOnly(services(rest));
      return EdgeChange.RELOADED;
    }
    return EdgeChange.UNCHANGED;
  }

  /**
   * The port problems of every fragment in {@code all}, as a start would bind them all; those of
   * other topologies than {@code applying} say whose they are.
   */
  private List<PortProblem> problems(String applying, List<Fragment> all) {
    List<PortProblem> problems = new ArrayList<>();
    Map<String, Long> oldEdges = legacy.running();
    List<Fragment> known = fragments.all();
    for (Fragment fragment : all) {
      String topology = fragment.topology();
      for (PortProblem p :
          PortCheck.problems(topology, fragment.claims(), known, proc, process::runsThisConfig, oldEdges)) {
        problems.add(topology.equals(applying) ? p
            : new PortProblem(p.port(), p.holder() + " (wanted by topology " + topology + ")"));
      }
    }
    return problems;
  }

  private Set<Integer> listening(List<Long> pids) {
    List<ProcFs.Listener> listeners = proc.listeners();
    Set<Long> inodes = listeners.stream().map(ProcFs.Listener::inode).collect(Collectors.toSet());
    Set<Long> ours = new HashSet<>();
    pids.forEach(pid -> ours.addAll(proc.sockets(pid, inodes).keySet()));
    return listeners.stream().filter(l -> ours.contains(l.inode())).map(ProcFs.Listener::port)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private List<ServerView> servers() {
    try {
      HaproxyRuntime now = new HaproxyRuntime(settings.adminSocket(), HaproxyRuntime.DEFAULT_TIMEOUT, Duration.ZERO);
      return RuntimeParsers.serversState(now.execute(RuntimeCommands.showServersState())).stream()
          .map(ServerView::of)
          .toList();
    } catch (HaproxyUnreachableException | HaproxyCommandException notAnswering) {
      return List.of();
    }
  }

  private String currentConfig() {
    try {
      return Files.isRegularFile(config) ? Files.readString(config) : "";
    } catch (IOException e) {
      throw new Cul8erException("Cannot read the host edge's configuration " + config + ": " + e.getMessage(), e);
    }
  }

  private void write(Path file, String text) {
    try {
      Files.createDirectories(directory);
      Path next = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(next, text);
      move(next, file);
    } catch (IOException e) {
      throw new Cul8erException("Cannot write the host edge's configuration " + file + ": " + e.getMessage(), e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new Cul8erException("Cannot put " + from + " in place of " + to + ": " + e.getMessage(), e);
    }
  }

  private static List<EdgeService> services(List<Fragment> fragments) {
    return fragments.stream().flatMap(f -> f.services().stream()).toList();
  }

  /** The last topology left: everything the host edge wrote goes (the lock file too; see EdgeLock). */
  private void deleteFiles() {
    bundles.keepOnly(List.of());
    try {
      for (String name : List.of("haproxy.cfg", "haproxy.cfg.next", "haproxy.cfg.tmp", "haproxy.pid", "admin.sock", "master.sock",
          "server-state", "edge.lock")) {
        Files.deleteIfExists(directory.resolve(name));
      }
      if (Files.isDirectory(fragments.directory())) {
        try (Stream<Path> files = Files.walk(fragments.directory())) {
          for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(file);
          }
        }
      }
    } catch (IOException e) {
      throw new Cul8erException("Stopped the host edge but could not delete its files in " + directory + ": "
          + e.getMessage(), e);
    }
  }

  private static String messages(List<PortProblem> problems) {
    return problems.stream().map(PortProblem::message).collect(Collectors.joining("; "));
  }
}
