package io.cul8er.ssh;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything needed to open one SSH session, resolved from the topology, the SSH client
 * configuration and the defaults.
 *
 * @param name the host's name in the topology, for messages
 * @param address the name or address to connect to (the configuration's HostName, if any)
 * @param identities private key files to offer, in order; empty: only the agent
 * @param useAgent offer the keys of the ssh-agent at {@code agentSocket}
 */
public record SshTarget(
    String name,
    String address,
    String user,
    int port,
    List<Path> identities,
    boolean useAgent,
    String agentSocket,
    Path knownHosts,
    boolean acceptNewHostKeys) {

  public SshTarget {
    identities = List.copyOf(identities);
  }

  /** {@code deploy@10.0.1.20:22}. */
  public String endpoint() {
    return user + "@" + address + ":" + port;
  }

  /** {@code web_1 (deploy@10.0.1.20:22)}. */
  public String describe() {
    return name + " (" + endpoint() + ")";
  }

  /** How known_hosts names this host: {@code [addr]:port} unless the port is 22. */
  public String knownHostsName() {
    return port == 22 ? address : "[" + address + "]:" + port;
  }
}
