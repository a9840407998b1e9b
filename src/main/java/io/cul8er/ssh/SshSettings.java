package io.cul8er.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How SSH connections are made, for every host of a run.
 *
 * @param configFile the OpenSSH client configuration read for User, Port, HostName, IdentityFile,
 *     UserKnownHostsFile and StrictHostKeyChecking (absent file: nothing)
 * @param knownHosts the known_hosts file, unless the configuration names another
 * @param acceptNewHostKeys add the key of a host not yet in known_hosts to it (never a changed key)
 * @param home the user's home directory, for {@code ~} and the default key files
 * @param localUser the login name when neither the topology nor the configuration gives one
 * @param agentSocket the ssh-agent socket ({@code SSH_AUTH_SOCK}), or empty
 */
public record SshSettings(
    Path configFile,
    Path knownHosts,
    boolean acceptNewHostKeys,
    Duration connectTimeout,
    Path home,
    String localUser,
    String agentSocket) {

  /** Environment variable naming another SSH client configuration file, like {@code ssh -F}. */
  public static final String CONFIG_VARIABLE = "CUL8ER_SSH_CONFIG";

  /** The user's ~/.ssh files (or {@value #CONFIG_VARIABLE}), the agent, and a 10 s connect timeout. */
  public static SshSettings fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")), System.getProperty("user.name"));
  }

  static SshSettings fromEnvironment(Map<String, String> environment, Path home, String user) {
    String config = environment.get(CONFIG_VARIABLE);
    return new SshSettings(
        config == null || config.isBlank() ? home.resolve(".ssh/config") : Path.of(config),
        home.resolve(".ssh/known_hosts"),
        false,
        Duration.ofSeconds(10),
        home,
        user,
        environment.getOrDefault("SSH_AUTH_SOCK", ""));
  }

  public SshSettings withAcceptNewHostKeys(boolean accept) {
    return new SshSettings(configFile, knownHosts, accept, connectTimeout, home, localUser, agentSocket);
  }

  public SshSettings withConfigFile(Path file) {
    return new SshSettings(file, knownHosts, acceptNewHostKeys, connectTimeout, home, localUser, agentSocket);
  }

  public SshSettings withKnownHosts(Path file) {
    return new SshSettings(configFile, file, acceptNewHostKeys, connectTimeout, home, localUser, agentSocket);
  }

  public SshSettings withoutAgent() {
    return new SshSettings(configFile, knownHosts, acceptNewHostKeys, connectTimeout, home, localUser, "");
  }
}
