package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SetupPlannerTest {
  static final String SOCKET = "/var/lib/incus/unix.socket";
  static final SocketFacts USABLE = new SocketFacts(SOCKET, true, true, "incus-admin", "srw-rw----", false);

  static HostFacts facts(boolean root, boolean sudo, String os, String codename, String version, String incus,
      String server, List<String> pools, List<String> bridges) {
    return new HostFacts(root, sudo, true, os, codename, version, Optional.ofNullable(incus), Optional.ofNullable(server),
        server == null ? "Error: unix socket not found" : "", pools, bridges, root ? "root" : "deploy", USABLE);
  }

  static HostFacts withSocket(HostFacts facts, SocketFacts socket) {
    return new HostFacts(facts.root(), facts.sudo(), facts.systemd(), facts.os(), facts.codename(), facts.version(),
        facts.incusPath(), facts.daemon(), facts.daemonError(), facts.pools(), facts.bridges(), facts.user(), socket);
  }

  static final HostFacts READY = facts(true, false, "debian", "bookworm", "12", "/usr/bin/incus", "Incus 6.0.4",
      List.of("default"), List.of("incusbr0"));

  @Test
  void aReadyHostNeedsNothing() {
    assertThat(SetupPlanner.plan("debian", READY)).containsExactly(
        new SetupStep.Ok("Incus installed", "/usr/bin/incus"),
        new SetupStep.Ok("Incus daemon running", "Incus 6.0.4"),
        new SetupStep.Ok("Incus socket access", "root can read and write /var/lib/incus/unix.socket"),
        new SetupStep.Ok("storage pool", "default"),
        new SetupStep.Ok("managed bridge", "incusbr0"));
  }

  @Test
  void debianBookwormInstallsFromBackports() {
    HostFacts bare = facts(true, false, "debian", "bookworm", "12", null, null, List.of(), List.of());

    assertThat(SetupPlanner.plan("debian", bare)).containsExactly(new SetupStep.Run("install Incus",
        "echo 'deb http://deb.debian.org/debian bookworm-backports main' > /etc/apt/sources.list.d/cul8er-backports.list"
            + " && apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y -t bookworm-backports incus"));
  }

  @Test
  void debianTrixieAndUbuntu24InstallFromTheirOwnArchive() {
    String apt = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y incus";

    assertThat(SetupPlanner.plan("debian", facts(true, false, "debian", "trixie", "13", null, null, List.of(), List.of())))
        .containsExactly(new SetupStep.Run("install Incus", apt));
    assertThat(SetupPlanner.plan("ubuntu", facts(true, false, "ubuntu", "noble", "24.04", null, null, List.of(), List.of())))
        .containsExactly(new SetupStep.Run("install Incus", apt));
  }

  @Test
  void olderUbuntuIsLeftToAPersonWithTheWay() {
    HostFacts jammy = facts(true, false, "ubuntu", "jammy", "22.04", null, null, List.of(), List.of());

    assertThat(SetupPlanner.plan("ubuntu", jammy)).containsExactly(new SetupStep.Manual("install Incus",
        "Ubuntu 22.04 has no incus package; install it from the Zabbly repository (https://github.com/zabbly/incus)"
            + " or upgrade to 24.04 or later"));
  }

  @Test
  void archUsesPacmanThroughSudoForAnOrdinaryUser() {
    HostFacts arch = facts(false, true, "arch", "", "", null, null, List.of(), List.of());

    assertThat(SetupPlanner.plan("arch_linux", arch)).containsExactly(new SetupStep.Run("install Incus",
        "sudo -n sh -c 'pacman -Sy --noconfirm --needed incus'"));
  }

  @Test
  void alpineIsNotAutomatedAndSaysHowToDoIt() {
    HostFacts alpine = facts(true, false, "alpine", "", "3.20", null, null, List.of(), List.of());

    assertThat(SetupPlanner.plan("alpine", alpine)).containsExactly(new SetupStep.Manual("install Incus",
        "not automated on alpine; install with `apk add incus incus-client && rc-update add incusd && rc-service incusd start`"));
  }

  @Test
  void aPlatformThatIsNotWhatTheHostRunsIsReportedBeforeInstallingAnything() {
    HostFacts ubuntu = facts(true, false, "ubuntu", "noble", "24.04", null, null, List.of(), List.of());

    assertThat(SetupPlanner.plan("debian", ubuntu)).containsExactly(new SetupStep.Manual("install Incus",
        "the topology says platform debian but the host runs ubuntu; correct the platform, then run setup again"));
  }

  @Test
  void withoutRootOrSudoEveryChangeIsLeftToAPerson() {
    HostFacts user = facts(false, false, "debian", "trixie", "13", null, null, List.of(), List.of());

    assertThat(SetupPlanner.plan("debian", user)).containsExactly(new SetupStep.Manual("install Incus",
        "needs root, and this user is not root and has no passwordless sudo; run as root:"
            + " apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y incus"));
  }

  @Test
  void aStoppedDaemonIsStartedWithSystemdOrLeftToAPersonWithout() {
    HostFacts stopped = facts(true, false, "debian", "trixie", "13", "/usr/bin/incus", null, List.of(), List.of());
    HostFacts noSystemd = new HostFacts(true, false, false, "debian", "trixie", "13", Optional.of("/usr/bin/incus"),
        Optional.empty(), "Error: unix socket not found", List.of(), List.of(), "root", USABLE);

    assertThat(SetupPlanner.plan("debian", stopped)).containsExactly(
        new SetupStep.Ok("Incus installed", "/usr/bin/incus"),
        new SetupStep.Run("start the Incus daemon", "systemctl enable --now incus.socket incus.service"));
    assertThat(SetupPlanner.plan("debian", noSystemd).get(1)).isEqualTo(new SetupStep.Manual("start the Incus daemon",
        "it does not answer (Error: unix socket not found) and the host has no systemd; start incusd with the host's"
            + " service manager, or give this user access to the incus socket"));
  }

  @Test
  void aFreshDaemonIsInitialisedAndAHalfInitialisedOneGetsWhatItLacks() {
    HostFacts fresh = facts(true, false, "debian", "trixie", "13", "/usr/bin/incus", "Incus 6.0", List.of(), List.of());
    HostFacts noBridge = facts(true, false, "debian", "trixie", "13", "/usr/bin/incus", "Incus 6.0", List.of("default"), List.of());
    HostFacts noPool = facts(true, false, "debian", "trixie", "13", "/usr/bin/incus", "Incus 6.0", List.of(), List.of("br0"));

    assertThat(SetupPlanner.plan("debian", fresh)).last()
        .isEqualTo(new SetupStep.Run("initialise Incus (storage pool and bridge)", "incus admin init --auto"));
    assertThat(SetupPlanner.plan("debian", noBridge)).endsWith(
        new SetupStep.Ok("storage pool", "default"),
        new SetupStep.Run("create the managed bridge incusbr0", "incus network create incusbr0 && (incus profile device"
            + " get default eth0 network >/dev/null 2>&1 || incus profile device add default eth0 nic network=incusbr0 name=eth0)"));
    assertThat(SetupPlanner.plan("debian", noPool)).endsWith(
        new SetupStep.Run("create the storage pool default", "incus storage create default dir && (incus profile device"
            + " get default root pool >/dev/null 2>&1 || incus profile device add default root disk path=/ pool=default)"),
        new SetupStep.Ok("managed bridge", "br0"));
  }

  @Test
  void otherPlatformsSayWhereToLook() {
    HostFacts none = facts(true, false, "", "", "", null, null, List.of(), List.of());

    assertThat(SetupPlanner.plan("nixos", none)).containsExactly(new SetupStep.Manual("install Incus",
        "not automated on nixos; set `virtualisation.incus.enable = true;` and rebuild"));
    assertThat(SetupPlanner.plan("fedora", none).get(0)).extracting(SetupStep::what).isEqualTo("install Incus");
    assertThat(SetupPlanner.plan("opensuse", none)).containsExactly(new SetupStep.Manual("install Incus",
        "not automated on opensuse; install with `zypper install incus`"));
    assertThat(SetupPlanner.plan("incusos", none)).containsExactly(new SetupStep.Manual("install Incus",
        "IncusOS ships Incus: reinstall or repair the host rather than installing"));
    assertThat(SetupPlanner.plan("gentoo", none)).containsExactly(new SetupStep.Manual("install Incus",
        "not automated on gentoo; see https://linuxcontainers.org/incus/docs/main/installing/"));
  }

  @Test
  void aUserWithSudoOutsideTheSocketGroupIsAddedToIt() {
    HostFacts deploy = withSocket(facts(false, true, "debian", "trixie", "13", "/usr/bin/incus", "Incus 6.0",
        List.of("default"), List.of("incusbr0")), new SocketFacts(SOCKET, true, false, "incus-admin", "srw-rw----", false));

    assertThat(SetupPlanner.plan("debian", deploy)).containsExactly(
        new SetupStep.Ok("Incus installed", "/usr/bin/incus"),
        new SetupStep.Ok("Incus daemon running", "Incus 6.0"),
        new SetupStep.Run("add deploy to group incus-admin, owner of the Incus socket /var/lib/incus/unix.socket",
            "sudo -n sh -c 'usermod -a -G incus-admin deploy'"),
        new SetupStep.Ok("storage pool", "default"),
        new SetupStep.Ok("managed bridge", "incusbr0"));
  }

  @Test
  void aUserAddedToTheGroupIsReadyFromItsNextLogin() {
    HostFacts added = withSocket(READY, new SocketFacts(SOCKET, true, false, "root", "srw-rw----", true));

    assertThat(SetupPlanner.plan("debian", added)).contains(new SetupStep.Ok("Incus socket access",
        "root is in group root, which may read and write /var/lib/incus/unix.socket (from its next login on)"));
  }

  @Test
  void aUserWithoutSudoWhoCannotAskTheDaemonIsToldToJoinTheSocketGroup() {
    HostFacts outsider = withSocket(facts(false, false, "debian", "trixie", "13", "/usr/bin/incus", null, List.of(),
        List.of()), new SocketFacts(SOCKET, true, false, "root", "srw-rw----", false));

    assertThat(SetupPlanner.plan("debian", outsider)).containsExactly(
        new SetupStep.Ok("Incus installed", "/usr/bin/incus"),
        new SetupStep.Manual("add deploy to group root, owner of the Incus socket /var/lib/incus/unix.socket",
            "needs root, and this user is not root and has no passwordless sudo; run as root: usermod -a -G root deploy"));
  }

  @Test
  void aSocketItsGroupMayNotUseOrNoSocketAtAllIsLeftToAPerson() {
    HostFacts privateSocket = withSocket(READY, new SocketFacts(SOCKET, true, false, "root", "srw-------", false));
    HostFacts elsewhere = withSocket(READY, new SocketFacts("/run/incus.sock", false, false, "", "", false));

    assertThat(SetupPlanner.socketAccess(privateSocket)).isEqualTo(new SetupStep.Manual("Incus socket access",
        "root cannot use /var/lib/incus/unix.socket (srw-------, group root), and its group may not read and write it;"
            + " start incusd with `--group incus-admin` and add root to that group, or log in as root"));
    assertThat(SetupPlanner.socketAccess(elsewhere)).isEqualTo(new SetupStep.Manual("Incus socket access",
        "there is no Unix socket at /run/incus.sock, the socket the host's connection names; give the path Incus"
            + " listens on (`ssh socket:` in the topology)"));
  }
}
