package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn package} ships (docs/install.md), used as a user would: the tarball unpacked and
 * run from its own bin/ against the live Incus, and the Debian package installed, then upgraded,
 * in a Debian 12 container with only Java 17 from Debian's packages, keeping a topology's state.
 */
class PackagesIT {
  private static final String VERSION = VersionIT.pomVersion();
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Path TARBALL = TARGET.resolve("cul8er-" + VERSION + ".tar.gz");
  private static final Path DEB = TARGET.resolve("cul8er_" + VERSION.replace("-SNAPSHOT", "~SNAPSHOT") + "_all.deb");

  /** The JVM says where each class came from (about 1,700 lines, so grepped where it runs): {@code shared objects file (top)} is the recorded archive. */
  private static final String LOG_CLASS_LOADS = "CUL8ER_JAVA_OPTS=-Xlog:class+load=info";
  private static final String MAIN_FROM_ARCHIVE = "io.cul8er.cli.Main source: shared objects file (top)";

  @TempDir Path work;

  @Test
  void eachArtifactHasAChecksumFileThatSha256sumAccepts() {
    for (Path artifact : List.of(TARBALL, DEB)) {
      assertThat(Shell.ok("sh", "-c", "cd " + TARGET + " && sha256sum -c '" + artifact.getFileName() + ".sha256'"))
          .isEqualTo(artifact.getFileName() + ": OK\n");
    }
  }

  @Test
  void theTarballRunsFromWhereverItIsUnpackedAndDeploys() throws Exception {
    LiveComponents.requireIncus();
    Shell.ok("tar", "xzf", TARBALL.toString(), "-C", work.toString());
    Path home = work.resolve("cul8er-" + VERSION);
    Path cul8er = home.resolve("bin/cul8er");
    String cache = "XDG_CACHE_HOME=" + work.resolve("cache");
    assertThat(Shell.ok("env", cache, cul8er.toString(), "--version").lines().findFirst()).hasValue("cul8er " + VERSION);
    assertThat(awaitClassArchive(work.resolve("cache/cul8er"))).as("the archive the first run records in the background")
        .isTrue();
    assertThat(Shell.ok("sh", "-c", "env " + cache + " " + LOG_CLASS_LOADS + " " + cul8er + " --version | grep 'cli.Main '"))
        .contains(MAIN_FROM_ARCHIVE);
    assertThat(home.resolve("share/man/man1/cul8er-deploy.1")).content().contains(".TH \"CUL8ER\\-DEPLOY\" \"1\"");
    assertThat(Shell.ok("bash", "-c", "source " + home.resolve("share/bash-completion/completions/cul8er")
        + " && complete -p cul8er")).isEqualTo("complete -o default -F _complete_cul8er cul8er\n");

    LiveTopology topology = new LiveTopology(work, busybox());
    try {
      Shell.Result deploy = Shell.run("env", cache, cul8er.toString(), "deploy", topology.name, "-f", topology.f());
      assertThat(deploy.exitCode()).as(deploy.output()).isZero();
      assertThat(deploy.output()).contains("Deploy complete").contains("1 added");
      assertThat(Shell.ok("incus", "list", topology.instance("web"), "-c", "s", "-f", "csv")).isEqualTo("RUNNING\n");
    } finally {
      Shell.run("env", cache, cul8er.toString(), "destroy", topology.name, "-f", topology.f(), "--yes");
    }
  }

  @Test
  void theDebianPackageInstallsAndAnUpgradeKeepsEveryTopologysStateLocksAndJournal() throws Exception {
    LiveComponents.requireIncus();
    Path next = nextVersionOf(DEB);
    LiveTopology topology = new LiveTopology(work, busybox());
    Cli.Run deployed = Cli.run("deploy", topology.name, "-f", topology.f());
    assertThat(deployed.exitCode()).as(deployed.all()).isZero();
    Shell.ok("incus", "delete", "-f", topology.instance("web"));
    String box = "pkg-" + UUID.randomUUID().toString().substring(0, 6);
    Shell.ok("incus", "launch", "cul8er/debian12-jvm", box, "-q");
    try {
      Shell.ok("incus", "exec", box, "--", "mkdir", "-p", "/srv/app");
      Shell.ok("incus", "file", "push", "-r", work.resolve(".cul8er").toString(), box + "/srv/app/");
      Shell.ok("incus", "file", "push", topology.f(), box + "/srv/app/");
      Shell.ok("incus", "file", "push", DEB.toString(), box + "/root/cul8er.deb");
      Shell.ok("incus", "file", "push", next.toString(), box + "/root/cul8er-next.deb");
      String f = "/srv/app/" + topology.file.getFileName();

      Shell.ok("incus", "exec", box, "--", "dpkg", "-i", "/root/cul8er.deb");
      assertThat(in(box, "cul8er", "--version").lines().findFirst()).hasValue("cul8er " + VERSION);
      assertThat(in(box, "sh", "-c", "env " + LOG_CLASS_LOADS + " cul8er --version | grep 'cli.Main '"))
          .as("postinst recorded /var/cache/cul8er/classes.jsa").contains(MAIN_FROM_ARCHIVE);
      assertThat(in(box, "dpkg", "-S", "/usr/share/man/man1/cul8er-deploy.1", "/usr/share/bash-completion/completions/cul8er"))
          .isEqualTo("cul8er: /usr/share/man/man1/cul8er-deploy.1\ncul8er: /usr/share/bash-completion/completions/cul8er\n");
      String before = in(box, "sh", "-c", "cd /srv/app/.cul8er && find . -type f | sort | xargs sha256sum");
      String events = in(box, "cul8er", "events", topology.name, "-f", f);
      String locks = in(box, "cul8er", "lock", "status", topology.name, "-f", f);

      String upgraded = in(box, "dpkg", "-i", "/root/cul8er-next.deb");
      assertThat(upgraded).contains("Preparing to unpack /root/cul8er-next.deb")
          .contains("Unpacking cul8er (" + nextVersion() + ") over (" + debVersion() + ")");
      assertThat(in(box, "dpkg-query", "-W", "cul8er")).isEqualTo("cul8er\t" + nextVersion() + "\n");
      assertThat(in(box, "sh", "-c", "cd /srv/app/.cul8er && find . -type f | sort | xargs sha256sum"))
          .isEqualTo(before).contains("./" + topology.name + "/state.json").contains("./" + topology.name + "/audit.jsonl");
      assertThat(in(box, "cul8er", "events", topology.name, "-f", f)).isEqualTo(events).contains("deploy_finished");
      assertThat(in(box, "cul8er", "lock", "status", topology.name, "-f", f)).isEqualTo(locks);

      in(box, "dpkg", "--purge", "cul8er");
      assertThat(Shell.run("incus", "exec", box, "--", "test", "-e", "/var/cache/cul8er").exitCode()).isEqualTo(1);
      assertThat(Shell.run("incus", "exec", box, "--", "test", "-e", "/usr/bin/cul8er").exitCode()).isEqualTo(1);
      assertThat(in(box, "sh", "-c", "cd /srv/app/.cul8er && find . -type f | sort | xargs sha256sum")).isEqualTo(before);
    } finally {
      Shell.run("incus", "delete", "-f", box);
      Shell.run("incus", "delete", "-f", topology.instance("web"));
    }
  }

  private static boolean awaitClassArchive(Path dir) throws InterruptedException {
    for (int i = 0; i < 240; i++) {
      try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
        if (files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"))) {
          return true;
        }
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      Thread.sleep(250);
    }
    return false;
  }

  private static String busybox() {
    return "  resource :web, type: :container, on: :local do\n    from_image \"cul8er/busybox\"\n  end\n";
  }

  private static String in(String box, String... command) {
    return Shell.ok(Stream.concat(Stream.of("incus", "exec", box, "--"), Stream.of(command)).toArray(String[]::new));
  }

  private static String debVersion() {
    return Shell.ok("dpkg-deb", "-f", DEB.toString(), "Version").strip();
  }

  private static String nextVersion() {
    return debVersion() + "+next";
  }

  /** The same package at a higher version, as the next release would be: only its control file's version differs. */
  private Path nextVersionOf(Path deb) throws IOException {
    Path tree = work.resolve("next");
    Shell.ok("dpkg-deb", "-R", deb.toString(), tree.toString());
    Path control = tree.resolve("DEBIAN/control");
    Files.writeString(control, Files.readString(control).replace("Version: " + debVersion(), "Version: " + nextVersion()));
    Path next = work.resolve("cul8er-next.deb");
    Shell.ok("dpkg-deb", "--root-owner-group", "-b", tree.toString(), next.toString());
    return next;
  }
}
