package io.cul8er.edge;

import io.cul8er.model.Cul8erException;
import io.cul8er.tls.ServerCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The edge of a remote host: the {@code cul8er-edge} systemd service that {@code cul8er setup}
 * installs there (HAProxy in master-worker mode, started at boot, restarted when it dies), driven by
 * the unprivileged deploy user over the host's SSH session. Its directory and sockets belong to the
 * group of the Incus socket, so whoever may deploy there may drive it:
 *
 * <ul>
 *   <li>{@value #DIRECTORY}: {@code haproxy.cfg}, rendered from every topology's fragment in
 *       {@code topologies.d/} (as on a local edge), {@code server-state}, {@code edge.lock};
 *   <li>{@value #RUN_DIRECTORY}: {@code admin.sock} (the Runtime API) and {@code master.sock} (the
 *       master's CLI, which reloads), reached through {@code direct-streamlocal} channels; no admin
 *       port is open on the network.
 * </ul>
 *
 * A change is written beside the configuration, checked with {@code haproxy -c}, moved into place,
 * and loaded by a {@code reload} on the master's CLI, which keeps every connection. Two deploys
 * serialise on {@code flock} over {@code edge.lock}, held by a command whose input stays open for as
 * long as the change takes (a lost connection releases it).
 */
public final class RemoteEdge implements EdgeHost {
  public static final String SERVICE = "cul8er-edge";
  public static final String DIRECTORY = "/var/lib/cul8er/edge";
  public static final String RUN_DIRECTORY = "/run/cul8er-edge";
  public static final String UNIT_FILE = "/etc/systemd/system/" + SERVICE + ".service";
  static final String HAPROXY = "/usr/sbin/haproxy";
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);
  /** A server-state file of no server (format version 1): HAProxy starts each from its configuration. */
  static final String EMPTY_SERVER_STATE = "1\n";

  /** Where the edge's files and sockets are on the host: {@link #STANDARD} but in tests. */
  public record Layout(String directory, String runDirectory) {
    public static final Layout STANDARD = new Layout(DIRECTORY, RUN_DIRECTORY);

    String config() {
      return directory + "/haproxy.cfg";
    }

    String fragments() {
      return directory + "/" + FragmentStore.DIRECTORY;
    }

    String lock() {
      return directory + "/edge.lock";
    }

    /** The TLS bundles: the deploy user's, readable by the edge's group only (2750, files 0640). */
    String certificates() {
      return directory + "/certs";
    }

    public String adminSocket() {
      return runDirectory + "/admin.sock";
    }

    public String masterSocket() {
      return runDirectory + "/master.sock";
    }

    /** Every remote edge's settings: sockets for the group, server states kept across reloads. */
    public EdgeSettings settings() {
      return EdgeSettings.defaults(Path.of(adminSocket()))
          .withServerStateFile(Path.of(directory, "server-state"))
          .withSocketMode("660")
          .withCertificateDirectory(Path.of(certificates()));
    }
  }

  private final RemoteShell shell;
  private final Layout layout;
  private final EdgeSettings settings;
  private final Duration lockWait;
  private final Duration unavailable;

  public RemoteEdge(RemoteShell shell) {
    this(shell, Layout.STANDARD, HostEdge.DEFAULT_LOCK_WAIT, HaproxyRuntime.DEFAULT_UNAVAILABLE);
  }

  public RemoteEdge(RemoteShell shell, Layout layout, Duration lockWait, Duration unavailable) {
    this.shell = shell;
    this.layout = layout;
    this.settings = layout.settings();
    this.lockWait = lockWait;
    this.unavailable = unavailable;
  }

  /** The configuration of an edge that serves no topology yet: what setup installs. */
  public static String emptyConfig(Layout layout) {
    return HaproxyConfig.renderFragments(layout.settings(), List.of());
  }

  @Override
  public String describe() {
    return "the edge of " + shell.describe();
  }

  @Override
  public EdgeChange apply(String topology, List<EdgeService> services) {
    return apply(topology, services, EdgeCertificates.NONE);
  }

  /**
   * {@link #apply(String, List)} with the certificates its TLS services name: each bundle the
   * host lacks is written by the deploy user into {@code certs/} (mode 2750, the edge's group;
   * files 0640, written whole and moved into place) before HAProxy checks the new configuration;
   * the host's self-signed certificate is made here, for the names the host gives itself, and kept.
   */
  @Override
  public EdgeChange apply(String topology, List<EdgeService> services, EdgeCertificates certificates) {
    if (services.isEmpty()) {
      return locked(() -> removeLocked(EdgeNames.topology(topology)));
    }
    Fragment fragment = new Fragment(topology, services);
    return locked(() -> applyLocked(fragment, certificates));
  }

  @Override
  public void remove(String topology) {
    locked(() -> removeLocked(EdgeNames.topology(topology)));
  }

  @Override
  public Edge runtime() {
    return new Edge(admin(unavailable));
  }

  @Override
  public boolean running() {
    return masterStatus(Duration.ZERO).isPresent();
  }

  @Override
  public EdgeObservation observe() {
    Optional<MasterStatus> master = masterStatus(Duration.ZERO);
    if (master.isEmpty()) {
      return missing().map(EdgeObservation::notInstalled).orElseGet(EdgeObservation::stopped);
    }
    Set<Integer> configured = fragments().stream().flatMap(f -> f.publicPorts().stream()).collect(Collectors.toSet());
    Set<Integer> listening = listeners().stream().filter(configured::contains).collect(Collectors.toCollection(TreeSet::new));
    List<ServerView> servers;
    try {
      servers = RuntimeParsers.serversState(admin(Duration.ZERO).execute(RuntimeCommands.showServersState())).stream()
          .map(ServerView::of).toList();
    } catch (HaproxyUnreachableException | HaproxyCommandException notAnswering) {
      servers = List.of();
    }
    return new EdgeObservation(true, Optional.of(master.get().master()), listening, servers);
  }

  @Override
  public Optional<Fragment> fragment(String topology) {
    String name = EdgeNames.topology(topology);
    return fragments().stream().filter(f -> f.topology().equals(name)).findFirst();
  }

  /**
   * Other topologies' fragments that claim a port, then listeners on the host that this edge does
   * not serve: the deploy user cannot see other users' processes, so such a port is said to be held
   * by "a process other than the edge".
   */
  @Override
  public List<PortProblem> claimProblems(String topology, List<PortClaim> claims) {
    return problems(EdgeNames.topology(topology), claims, fragments());
  }

  private List<PortProblem> problems(String topology, List<PortClaim> claims, List<Fragment> known) {
    List<PortProblem> problems = new ArrayList<>();
    Set<Integer> served = known.stream().flatMap(f -> f.publicPorts().stream()).collect(Collectors.toSet());
    Set<Integer> listening = null;
    for (int port : PortCheck.ports(claims)) {
      Optional<String> other = PortClaim.holder(topology, port, claims, known);
      if (other.isPresent()) {
        problems.add(new PortProblem(port, other.get()));
        continue;
      }
      if (served.contains(port)) {
        continue;
      }
      if (listening == null) {
        listening = listeners();
      }
      if (listening.contains(port)) {
        problems.add(new PortProblem(port, "a process other than the edge on " + shell.describe()));
      }
    }
    return List.copyOf(problems);
  }

  private EdgeChange applyLocked(Fragment fragment, EdgeCertificates certificates) {
    String topology = fragment.topology();
    List<Fragment> known = fragments();
    List<Fragment> all = Stream.concat(known.stream().filter(f -> !f.topology().equals(topology)), Stream.of(fragment))
        .sorted(Comparator.comparing(Fragment::topology)).toList();
    List<PortProblem> problems = problems(topology, fragment.claims(), known);
    if (!problems.isEmpty()) {
      throw new Cul8erException("Cannot serve topology " + topology + " on " + describe() + ": "
          + problems.stream().map(PortProblem::message).collect(Collectors.joining("; ")));
    }
    Optional<Fragment> previous = known.stream().filter(f -> f.topology().equals(topology)).findFirst();
    String text = HaproxyConfig.renderFragments(settings, all);
    if (text.equals(read(layout.config()))) {
      if (!previous.equals(Optional.of(fragment))) {
        writeFragment(fragment);
      }
      return EdgeChange.UNCHANGED;
    }
    String next = layout.config() + ".next";
    write(next, text);
    writeBundles(fragment.services(), certificates);
    check(next);
    writeFragment(fragment);
    run("mv -f " + next + " " + layout.config(), "put the new configuration in place");
    try {
      reload();
      keepBundles(all);
      return EdgeChange.RELOADED;
    } catch (Cul8erException e) {
      previous.ifPresentOrElse(this::writeFragment, () -> deleteFragment(topology));
      write(layout.config(), HaproxyConfig.renderFragments(settings, fragments()));
      throw new Cul8erException("Could not reload " + describe() + " with topology " + topology + ": "
          + e.getMessage() + (e instanceof NotAnswering ? "" : reloadPutBack()), e);
    }
  }

  /**
   * Loads the configuration put back after a failed reload. A reload HAProxy refused left the old
   * worker serving it already; but one whose answer was lost (the master re-executing, the SSH
   * connection dropping) may have taken, and HAProxy would then serve ports no fragment claims.
   */
  private String reloadPutBack() {
    try {
      reload();
      return "; the configuration without it is loaded again";
    } catch (Cul8erException again) {
      return "; loading the configuration without it again failed too (" + again.getMessage()
          + "), so HAProxy may serve either until its next reload";
    }
  }

  private EdgeChange removeLocked(String topology) {
    if (!deleteFragment(topology)) {
      return EdgeChange.UNCHANGED;
    }
    List<Fragment> rest = fragments();
    write(layout.config(), HaproxyConfig.renderFragments(settings, rest));
    reload();
    keepBundles(rest);
    return EdgeChange.RELOADED;
  }

  /** Writes the bundle of each TLS service of {@code services} that the host's {@code certs/} lacks. */
  private void writeBundles(List<EdgeService> services, EdgeCertificates certificates) {
    List<EdgeService> tls = services.stream().filter(s -> s.tls().isPresent()).toList();
    if (tls.isEmpty()) {
      return;
    }
    String dir = layout.certificates();
    Set<String> present = Set.copyOf(shell.run("ls -1 " + dir + " 2>/dev/null || true", null, COMMAND_TIMEOUT)
        .stdout().lines().map(String::strip).toList());
    for (EdgeService service : tls) {
      String name = service.tls().get().fileName();
      if (present.contains(name)) {
        continue;
      }
      String file = dir + "/" + name;
      ServerCertificate certificate = TlsBundles.certificate(service, certificates,
          () -> TlsBundles.selfSigned(SelfSignedNames.of(hostNames())), file + " on " + shell.describe());
      // The bundle travels on the command's standard input, never on its command line.
      run("mkdir -p " + dir + " && chmod 2750 " + dir + " && (umask 0137 && cat > " + file + ".tmp) && mv -f " + file
          + ".tmp " + file, new String(certificate.pemBundle(), StandardCharsets.US_ASCII),
          "write the certificate bundle " + file + " (mode 0640)");
    }
  }

  /** Deletes the bundles no fragment names any more (rotated or removed certificates). */
  private void keepBundles(List<Fragment> fragments) {
    String used = String.join(" ", TlsBundles.fileNames(fragments.stream().flatMap(f -> f.services().stream()).toList()));
    run("cd " + layout.certificates() + " 2>/dev/null || exit 0; for f in *.pem; do [ -f \"$f\" ] || continue;"
        + " case ' " + used + " ' in *\" $f \"*) ;; *) rm -f \"$f\" ;; esac; done",
        "delete the certificate bundles no topology uses");
  }

  /** The host's names and addresses as it gives them ({@code hostname}, {@code hostname -I}). */
  private List<String> hostNames() {
    RemoteShell.Result names = shell.run("hostname; hostname -I 2>/dev/null | tr ' ' '\\n'", null, COMMAND_TIMEOUT);
    return names.stdout().lines().toList();
  }

  /** Saves the servers' states (drain, weights) for the next worker, then reloads through the master. */
  private void reload() {
    HaproxyRuntime master = master(unavailable);
    MasterStatus before;
    try {
      before = MasterReload.status(master);
    } catch (HaproxyUnreachableException e) {
      throw new NotAnswering("The edge service " + SERVICE + " does not answer on " + shell.describe() + " ("
          + e.getMessage() + "); `cul8er setup` installs and starts it, `systemctl status " + SERVICE
          + "` there says why it stopped", e);
    }
    String stateFile = settings.serverStateFile().orElseThrow().toString();
    write(stateFile, admin(unavailable).execute(RuntimeCommands.showServersState()));
    MasterReload.reload(master, before, RELOAD_TIMEOUT, layout.config() + " on " + shell.describe());
    // The new worker has loaded the states. Left in the file, they would come back when systemd
    // restarts a killed HAProxy, however old: a server drained then would be drained again.
    write(stateFile, EMPTY_SERVER_STATE);
  }

  /** The service did not answer before a reload was sent: nothing changed in HAProxy. */
  private static final class NotAnswering extends Cul8erException {
    NotAnswering(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Optional<MasterStatus> masterStatus(Duration wait) {
    try {
      return Optional.of(MasterReload.status(master(wait)));
    } catch (HaproxyUnreachableException | HaproxyCommandException notRunning) {
      return Optional.empty();
    }
  }

  private HaproxyRuntime admin(Duration wait) {
    return new HaproxyRuntime(shell.socket(layout.adminSocket()), HaproxyRuntime.DEFAULT_TIMEOUT, wait);
  }

  private HaproxyRuntime master(Duration wait) {
    return new HaproxyRuntime(shell.socket(layout.masterSocket()), HaproxyRuntime.DEFAULT_TIMEOUT, wait);
  }

  /**
   * What of the edge is not installed: HAProxy ({@value #HAPROXY}, which the service runs), or the
   * {@value #SERVICE} service; empty when both are there (it is then only stopped).
   */
  private Optional<String> missing() {
    RemoteShell.Result found = shell.run("[ -x " + HAPROXY + " ] || echo haproxy; [ -f " + UNIT_FILE + " ] || echo unit",
        null, COMMAND_TIMEOUT);
    List<String> absent = found.stdout().lines().map(String::strip).toList();
    if (absent.contains("haproxy")) {
      return Optional.of("HAProxy is not installed (no " + HAPROXY + ")");
    }
    return absent.contains("unit") ? Optional.of("the " + SERVICE + " service is not installed (no " + UNIT_FILE + ")")
        : Optional.empty();
  }

  /** Every topology's fragment, in one command: each file's name on a line, then its text, NUL-ended. */
  List<Fragment> fragments() {
    RemoteShell.Result listing = shell.run("cd " + layout.fragments() + " 2>/dev/null || exit 0; for f in *.json; do"
        + " [ -f \"$f\" ] || continue; printf '%s\\n' \"$f\"; cat \"$f\"; printf '\\0'; done", null, COMMAND_TIMEOUT);
    if (!listing.succeeded()) {
      throw new Cul8erException("Cannot read the fragments in " + layout.fragments() + " on " + shell.describe() + ": "
          + listing.why());
    }
    List<Fragment> fragments = new ArrayList<>();
    for (String entry : listing.stdout().split("\0")) {
      int newline = entry.indexOf('\n');
      if (newline > 0) {
        String name = entry.substring(0, newline).strip();
        fragments.add(FragmentStore.parse(entry.substring(newline + 1), name,
            layout.fragments() + "/" + name + " on " + shell.describe()));
      }
    }
    fragments.sort(Comparator.comparing(Fragment::topology));
    return List.copyOf(fragments);
  }

  private void writeFragment(Fragment fragment) {
    write(layout.fragments() + "/" + fragment.topology() + ".json", FragmentStore.json(fragment));
  }

  private boolean deleteFragment(String topology) {
    String file = layout.fragments() + "/" + topology + ".json";
    RemoteShell.Result result = shell.run("if [ -e " + file + " ]; then rm -f " + file + " && echo deleted; fi", null,
        COMMAND_TIMEOUT);
    if (!result.succeeded()) {
      throw new Cul8erException("Cannot delete " + file + " on " + shell.describe() + ": " + result.why());
    }
    return result.stdout().strip().equals("deleted");
  }

  /** The TCP ports something listens on at the host ({@code /proc/net/tcp}, readable by anyone). */
  private Set<Integer> listeners() {
    RemoteShell.Result tables = shell.run("cat /proc/net/tcp /proc/net/tcp6 2>/dev/null", null, COMMAND_TIMEOUT);
    return ProcFs.listeners(tables.stdout().lines().toList()).stream().map(ProcFs.Listener::port)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private String read(String file) {
    RemoteShell.Result result = shell.run("cat " + file + " 2>/dev/null || true", null, COMMAND_TIMEOUT);
    return result.stdout();
  }

  /** Writes {@code text} beside {@code file} and moves it into place, so no reader sees half of it. */
  private void write(String file, String text) {
    run("mkdir -p \"$(dirname " + file + ")\" && cat > " + file + ".tmp && mv -f " + file + ".tmp " + file, text,
        "write " + file);
  }

  private void check(String file) {
    RemoteShell.Result result = shell.run(HAPROXY + " -c -f " + file, null, COMMAND_TIMEOUT);
    if (!result.succeeded()) {
      throw new Cul8erException("HAProxy on " + shell.describe() + " refuses the new configuration " + file + ": "
          + result.why());
    }
  }

  private void run(String command, String what) {
    run(command, null, what);
  }

  private void run(String command, String stdin, String what) {
    RemoteShell.Result result = shell.run(command, stdin, COMMAND_TIMEOUT);
    if (!result.succeeded()) {
      throw new Cul8erException("Could not " + what + " on " + shell.describe() + ": `" + command + "` exited with "
          + result.exitCode() + ": " + result.why());
    }
  }

  private <T> T locked(Supplier<T> work) {
    AutoCloseable lock;
    try {
      lock = shell.hold("flock -w " + Math.max(1, lockWait.toSeconds()) + " " + layout.lock()
          + " -c 'echo locked; exec cat >/dev/null'", "locked", lockWait.plusSeconds(10));
    } catch (Cul8erException e) {
      // A host lost (SSH's HostLostException, which this package does not know) is no other deploy's doing.
      String why = String.valueOf(e.getMessage());
      boolean held = !why.contains("SSH connection to it was lost") && !why.startsWith("Gave up on");
      throw new Cul8erException("Could not take the lock of " + describe() + (held ? " (another deploy may hold it)" : "")
          + ": " + e.getMessage(), e);
    }
    try (lock) {
      return work.get();
    } catch (Cul8erException e) {
      throw e;
    } catch (Exception e) {
      throw new Cul8erException("Could not release the lock of " + describe() + ": " + e.getMessage(), e);
    }
  }
}
