package io.cul8er.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshTargetsTest {
  static final Path HOME = Path.of("/home/me");
  static final SshSettings SETTINGS = SshSettings.fromEnvironment(Map.of(), HOME, "me");

  static ConfigRepository config(String text) throws IOException {
    return OpenSSHConfig.parse(text);
  }

  static SshTarget resolve(Optional<String> user, Optional<Integer> port, Optional<String> key, SshSettings settings,
      ConfigRepository config, Set<Path> existing) {
    return SshTargets.resolve("web_1", "web", user, port, key, settings, config, existing::contains);
  }

  @Test
  void theTopologyWinsOverTheConfiguration() throws IOException {
    ConfigRepository config = config("Host web\n  HostName 10.0.1.20\n  User admin\n  Port 2222\n  IdentityFile ~/.ssh/admin\n");

    SshTarget target = resolve(Optional.of("deploy"), Optional.of(22), Optional.of("~/.ssh/deploy"), SETTINGS, config, Set.of());

    assertThat(target).isEqualTo(new SshTarget("web_1", "10.0.1.20", "deploy", 22,
        List.of(HOME.resolve(".ssh/deploy")), false, "", HOME.resolve(".ssh/known_hosts"), false));
    assertThat(target.describe()).isEqualTo("web_1 (deploy@10.0.1.20:22)");
    assertThat(target.knownHostsName()).isEqualTo("10.0.1.20");
  }

  @Test
  void theConfigurationFillsWhatTheTopologyLeavesOut() throws IOException {
    ConfigRepository config = config("""
        Host web
          HostName 10.0.1.20
          User admin
          Port 2222
          IdentityFile ~/.ssh/one
          IdentityFile /keys/two
          UserKnownHostsFile ~/.ssh/team_known_hosts ~/.ssh/other
          StrictHostKeyChecking accept-new
        """);

    SshTarget target = resolve(Optional.empty(), Optional.empty(), Optional.empty(), SETTINGS, config, Set.of());

    assertThat(target).isEqualTo(new SshTarget("web_1", "10.0.1.20", "admin", 2222,
        List.of(HOME.resolve(".ssh/one"), Path.of("/keys/two")), false, "", HOME.resolve(".ssh/team_known_hosts"), true));
    assertThat(target.knownHostsName()).isEqualTo("[10.0.1.20]:2222");
  }

  @Test
  void withoutEitherTheAgentIsUsedWhenRunning() {
    SshSettings withAgent = SshSettings.fromEnvironment(Map.of("SSH_AUTH_SOCK", "/run/agent.sock"), HOME, "me");

    SshTarget target = resolve(Optional.empty(), Optional.empty(), Optional.empty(), withAgent, ConfigRepository.nullConfig,
        Set.of(HOME.resolve(".ssh/id_ed25519")));

    assertThat(target).isEqualTo(new SshTarget("web_1", "web", "me", 22, List.of(), true, "/run/agent.sock",
        HOME.resolve(".ssh/known_hosts"), false));
  }

  @Test
  void elseTheDefaultKeysThatExist() {
    SshTarget target = resolve(Optional.empty(), Optional.empty(), Optional.empty(), SETTINGS.withAcceptNewHostKeys(true),
        ConfigRepository.nullConfig, Set.of(HOME.resolve(".ssh/id_rsa"), HOME.resolve(".ssh/id_ed25519")));

    assertThat(target.identities()).containsExactly(HOME.resolve(".ssh/id_ed25519"), HOME.resolve(".ssh/id_rsa"));
    assertThat(target.acceptNewHostKeys()).isTrue();
  }

  @Test
  void settingsComeFromTheEnvironment() {
    SshSettings settings = SshSettings.fromEnvironment(Map.of(SshSettings.CONFIG_VARIABLE, "/etc/cul8er/ssh_config"), HOME, "me");

    assertThat(settings.configFile()).isEqualTo(Path.of("/etc/cul8er/ssh_config"));
    assertThat(SETTINGS.configFile()).isEqualTo(HOME.resolve(".ssh/config"));
    assertThat(SETTINGS.withConfigFile(Path.of("/x")).withKnownHosts(Path.of("/k")).withoutAgent())
        .isEqualTo(new SshSettings(Path.of("/x"), Path.of("/k"), false, SETTINGS.connectTimeout(), HOME, "me", ""));
  }

  @Test
  void aConfigurationFileIsReadWhenItExists(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("config"), "Host *\n  User fromfile\n  Port 2200\n");

    SshTarget target = SshTargets.resolve("db", "127.0.0.9", Optional.empty(), Optional.empty(), Optional.of("/k"),
        SETTINGS.withConfigFile(file));

    assertThat(target.endpoint()).isEqualTo("fromfile@127.0.0.9:2200");
    assertThat(SshTargets.resolve("db", "127.0.0.9", Optional.empty(), Optional.empty(), Optional.of("/k"),
        SETTINGS.withConfigFile(dir.resolve("absent"))).endpoint()).isEqualTo("me@127.0.0.9:22");
  }

  @Test
  void tildeMeansTheHomeDirectory() {
    assertThat(SshTargets.expand("~", HOME)).isEqualTo(HOME);
    assertThat(SshTargets.expand("~/.ssh/k", HOME)).isEqualTo(HOME.resolve(".ssh/k"));
    assertThat(SshTargets.expand("/abs", HOME)).isEqualTo(Path.of("/abs"));
  }
}
