package io.cul8er.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Faults injected into a test-bed host, as root over SSH (the admin key), and what its edge says:
 * the {@code cul8er-edge} service killed, the sshd process that serves one client connection killed,
 * the servers of a backend as HAProxy sees them. See docs/testbed.md.
 */
public final class HostFaults {
  private static final Pattern PID = Pattern.compile("pid=(\\d+)");

  private HostFaults() {}

  /** Runs {@code command} on {@code host} as root@ (the admin key); fails the test unless it exits 0. */
  public static String asRoot(TestbedHosts.Host host, String command) {
    return TestbedHosts.ssh(List.of("-i", TestbedHosts.adminKey().toString(), "-l", "root", host.name(), command));
  }

  /**
   * Kills every process of the host's {@code cul8er-edge} service (HAProxy's master and workers) with
   * SIGKILL, and returns once all of them are gone (a worker still dying would answer a request
   * after the kill); systemd starts the service again a second later ({@code Restart=always}).
   * Returns the pids killed.
   */
  public static List<Long> killEdge(TestbedHosts.Host host) {
    String killed = asRoot(host, "set -e; main=$(systemctl show -p MainPID --value cul8er-edge); [ \"$main\" != 0 ];"
        + " procs=\"$main $(pgrep -P $main | tr '\\n' ' ')\"; systemctl kill -s KILL cul8er-edge; for p in $procs; do n=0;"
        + " while [ -e /proc/$p ] && ! grep -q '^State:.*Z' /proc/$p/status 2>/dev/null; do n=$((n+1));"
        + " [ $n -lt 1000 ] || { echo \"pid $p outlived SIGKILL\" >&2; exit 1; }; sleep 0.01; done; done; echo $procs");
    return Arrays.stream(killed.strip().split("\\s+")).map(Long::parseLong).toList();
  }

  /** How many times systemd has restarted the host's {@code cul8er-edge} service since it was started. */
  public static int edgeRestarts(TestbedHosts.Host host) {
    return Integer.parseInt(asRoot(host, "systemctl show -p NRestarts --value cul8er-edge").strip());
  }

  /**
   * Kills, with SIGKILL, the sshd process of the host's login user that serves the SSH connection
   * this machine's process {@code client} opened to it (the per-connection child, {@code sshd:
   * deploy@notty}), so that exactly that connection drops. Returns the pids killed.
   */
  public static List<Long> killSshSession(TestbedHosts.Host host, long client) {
    List<Integer> ports = clientPorts(host, client);
    assertThat(ports).as("SSH connections of process " + client + " to " + host.name()).isNotEmpty();
    List<Long> killed = new ArrayList<>();
    for (int port : ports) {
      String out = asRoot(host, "for p in $(ss -tnpH state established '( sport = :22 and dport = :" + port + " )'"
          + " | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do if [ \"$(stat -c %U /proc/$p)\" != root ];"
          + " then kill -KILL $p && echo $p; fi; done");
      out.lines().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.strip())).forEach(killed::add);
    }
    assertThat(killed).as("sshd processes of the login user serving ports " + ports + " on " + host.name()).isNotEmpty();
    return killed;
  }

  /** The local ports of {@code client}'s established TCP connections to the host's port 22. */
  private static List<Integer> clientPorts(TestbedHosts.Host host, long client) {
    TestbedHosts.Result ss = TestbedHosts.run(java.time.Duration.ofSeconds(20),
        List.of("ss", "-tnpH", "state", "established", "dst", host.address() + ":22"));
    assertThat(ss.exitCode()).as(ss.output()).isZero();
    List<Integer> ports = new ArrayList<>();
    for (String line : ss.output().lines().toList()) {
      Matcher pid = PID.matcher(line);
      if (pid.find() && Long.parseLong(pid.group(1)) == client) {
        String local = line.trim().split("\\s+")[2];
        ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1)));
      }
    }
    return ports;
  }

  /**
   * Each server of {@code backend} in the host's edge as {@code NAME STATUS} (HAProxy's {@code show
   * stat}: {@code UP}, {@code DOWN}, {@code DRAIN}, {@code MAINT}...), sorted by name.
   */
  public static List<String> edgeServers(TestbedHosts.Host host, String backend) {
    return showStat(host, backend).stream().map(f -> f.get("svname") + " " + f.get("status")).sorted().toList();
  }

  /** Each server of {@code backend} in the host's edge, with its weight (HAProxy's {@code show stat}). */
  public static Map<String, Integer> edgeWeights(TestbedHosts.Host host, String backend) {
    Map<String, Integer> weights = new TreeMap<>();
    showStat(host, backend).forEach(f -> weights.put(f.get("svname"), Integer.parseInt(f.get("weight"))));
    return weights;
  }

  /** The servers' lines of {@code show stat} for {@code backend}, each by column name. */
  private static List<Map<String, String>> showStat(TestbedHosts.Host host, String backend) {
    String csv = asRoot(host, "perl -MIO::Socket::UNIX -e '$s = IO::Socket::UNIX->new(Peer => \"/run/cul8er-edge/admin.sock\")"
        + " or die \"admin.sock: $!\"; print $s \"show stat " + backend + " 4 -1\\n\"; shutdown($s, 1); print while <$s>;'");
    List<String> lines = csv.lines().toList();
    assertThat(lines).as("show stat of " + backend + " on " + host.name()).isNotEmpty();
    List<String> header = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
    List<Map<String, String>> rows = new ArrayList<>();
    lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).forEach(f -> {
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < Math.min(header.size(), f.length); i++) {
        row.put(header.get(i), f[i]);
      }
      rows.add(row);
    });
    return rows;
  }

}
