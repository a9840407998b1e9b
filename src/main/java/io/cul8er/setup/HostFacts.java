package io.cul8er.setup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the probe found on a host.
 *
 * @param incusPath where the {@code incus} command is; empty when not installed
 * @param daemon what {@code incus version} says about the server when the daemon answers; empty
 *     when it does not
 * @param daemonError why the daemon did not answer, for the report
 * @param user the login user's name
 * @param socket the Incus socket of the host's connection, as {@code user} sees it
 */
public record HostFacts(
    boolean root,
    boolean sudo,
    boolean systemd,
    String os,
    String codename,
    String version,
    Optional<String> incusPath,
    Optional<String> daemon,
    String daemonError,
    List<String> pools,
    List<String> bridges,
    String user,
    SocketFacts socket) {

  public HostFacts {
    pools = List.copyOf(pools);
    bridges = List.copyOf(bridges);
  }

  /** Reads the {@code key=value} lines {@link SetupCommands#probe(String)} prints. */
  public static HostFacts parse(String probeOutput) {
    Map<String, String> values = new HashMap<>();
    probeOutput.lines().forEach(line -> {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(line.substring(0, equals), line.substring(equals + 1).trim());
      }
    });
    return new HostFacts(
        "0".equals(values.get("uid")),
        "yes".equals(values.get("sudo")),
        "yes".equals(values.get("systemd")),
        values.getOrDefault("os", ""),
        values.getOrDefault("codename", ""),
        values.getOrDefault("version", ""),
        present(values.get("incus")),
        present(values.get("server")),
        values.getOrDefault("daemon_error", ""),
        list(values.get("pools")),
        list(values.get("bridges")),
        values.getOrDefault("user", ""),
        new SocketFacts(values.getOrDefault("socket_path", ""), "yes".equals(values.get("socket")),
            "yes".equals(values.get("socket_access")), values.getOrDefault("socket_group", ""),
            values.getOrDefault("socket_mode", ""), "yes".equals(values.get("socket_member"))));
  }

  public boolean installed() {
    return incusPath.isPresent();
  }

  public boolean running() {
    return daemon.isPresent();
  }

  private static Optional<String> present(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static List<String> list(String value) {
    return value == null || value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }
}
