package io.cul8er.ssh;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Resolves how to reach a host: the topology's {@code ssh} settings win, then the SSH client
 * configuration (as {@code ssh} would read it for that address), then the defaults: the local user
 * name, port 22, the agent if running, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa.
 */
public final class SshTargets {
  static final List<String> DEFAULT_KEYS = List.of(".ssh/id_ed25519", ".ssh/id_ecdsa", ".ssh/id_rsa");

  private SshTargets() {}

  /** How to reach {@code host}, whose connection must be SSH. */
  public static SshTarget of(Host host, SshSettings settings) {
    if (!(host.connection() instanceof Connection.Ssh ssh)) {
      throw new SshException(
          "Tried to reach host `" + host.name() + "` over SSH, but its connection is " + host.connection());
    }
    return resolve(host.name(), host.address(), ssh.user(), ssh.port(), ssh.keyFile(), settings);
  }

  /** Reads the settings' configuration file, if it exists, and resolves. */
  public static SshTarget resolve(String name, String address, Optional<String> user,
      Optional<Integer> port, Optional<String> keyFile, SshSettings settings) {
    return resolve(name, address, user, port, keyFile, settings, readConfig(settings.configFile()), Files::isRegularFile);
  }

  static SshTarget resolve(String name, String address, Optional<String> user, Optional<Integer> port,
      Optional<String> keyFile, SshSettings settings, ConfigRepository repository, Predicate<Path> exists) {
    ConfigRepository.Config config = repository.getConfig(address);
    String hostName = present(config.getHostname()).orElse(address);
    String login = user.or(() -> present(config.getUser())).orElse(settings.localUser());
    int portNumber = port.orElse(config.getPort() > 0 ? config.getPort() : 22);
    List<Path> configured = new ArrayList<>();
    keyFile.ifPresentOrElse(
        file -> configured.add(expand(file, settings.home())),
        () -> values(config, "IdentityFile").forEach(file -> configured.add(expand(file, settings.home()))));
    boolean agent = configured.isEmpty() && !settings.agentSocket().isBlank();
    List<Path> identities = configured;
    if (configured.isEmpty() && !agent) {
      identities = DEFAULT_KEYS.stream().map(settings.home()::resolve).filter(exists).toList();
    }
    Path knownHosts = present(config.getValue("UserKnownHostsFile"))
        .map(files -> expand(files.trim().split("\\s+")[0], settings.home()))
        .orElse(settings.knownHosts());
    boolean acceptNew = settings.acceptNewHostKeys()
        || present(config.getValue("StrictHostKeyChecking"))
            .map(value -> value.toLowerCase(Locale.ROOT).equals("accept-new")).orElse(false);
    return new SshTarget(name, hostName, login, portNumber, identities, agent, settings.agentSocket(), knownHosts, acceptNew);
  }

  /** The SSH client configuration in {@code file}; none when the file does not exist. */
  static ConfigRepository readConfig(Path file) {
    if (!Files.isRegularFile(file)) {
      return ConfigRepository.nullConfig;
    }
    try {
      return OpenSSHConfig.parseFile(file.toString());
    } catch (IOException | RuntimeException e) {
      throw new SshException("Could not read the SSH client configuration " + file + ": " + e.getMessage(), e);
    }
  }

  static Path expand(String file, Path home) {
    if (file.equals("~")) {
      return home;
    }
    if (file.startsWith("~/")) {
      return home.resolve(file.substring(2));
    }
    return Path.of(file);
  }

  private static List<String> values(ConfigRepository.Config config, String key) {
    String[] values = config.getValues(key);
    return values == null ? List.of() : List.of(values);
  }

  private static Optional<String> present(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
