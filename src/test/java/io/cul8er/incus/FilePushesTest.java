package io.cul8er.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.api.FilePush;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.fake.FakeIncus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push into an instance whose file helper Incus lost goes through exec: the fake fails the push
 * as Incus does, and its exec runs the commands with this machine's real {@code sh}, {@code base64},
 * {@code chown}, {@code chmod} and {@code mv}, in a temporary directory standing for the instance.
 */
class FilePushesTest {
  @TempDir Path dir;
  private final List<List<String>> ran = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final FakeIncus incus = new FakeIncus(List.of("img"), (instance, command, files) -> {
    ran.add(command.command());
    try {
      Process process = new ProcessBuilder(command.command()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      return new ExecResult(process.waitFor(), out, err);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }, Clock.systemUTC());

  FilePushesTest() {
    incus.createInstance(InstancesPost.container("c1", InstanceSource.alias("img")).started());
  }

  @Test
  void aPushThatWorksDoesNotExec() {
    FilePushes.push(incus, "c1", FilePush.of("/etc/app.conf", "a=1\n"), notes::add);

    assertThat(incus.pullFile("c1", "/etc/app.conf")).asString().isEqualTo("a=1\n");
    assertThat(ran).isEmpty();
    assertThat(notes).isEmpty();
  }

  @Test
  void whenIncusLostItsFileHelperTheFileIsWrittenThroughExecWithItsModeAndOwnerAndSaidSo() throws IOException {
    incus.loseFileHelper("c1");
    byte[] content = new byte[FilePushes.CHUNK * 2 + 5];
    new Random(7).nextBytes(content);
    Path target = dir.resolve("opt/app/releases/app-1.0.0.tar.gz");

    FilePushes.push(incus, "c1", new FilePush(target.toString(), content, 0, 0, 0640), notes::add);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
    assertThat(Files.getAttribute(target, "unix:uid")).isEqualTo(0);
    assertThat(dir.resolve("opt/app/releases/app-1.0.0.tar.gz.cul8er-new")).doesNotExist();
    assertThat(ran).extracting(argv -> argv.get(2)).containsExactly(
        "mkdir -p \"$(dirname \"$1\")\" && : > \"$1\"",
        "printf %s \"$2\" | base64 -d >> \"$1\"",
        "printf %s \"$2\" | base64 -d >> \"$1\"",
        "printf %s \"$2\" | base64 -d >> \"$1\"",
        "chown \"$2:$3\" \"$1\" && chmod \"$4\" \"$1\" && mv -f \"$1\" \"$5\"");
    assertThat(notes).containsExactly("Incus lost its file helper for c1 (dial unix /proc/self/fd/36/forkfile.sock:"
        + " connect: no such file or directory); wrote " + target + " through exec instead");
  }

  @Test
  void anEmptyFileIsWrittenToo() throws IOException {
    incus.loseFileHelper("c1");
    Path target = dir.resolve("empty");
    Files.writeString(target, "old");

    FilePushes.push(incus, "c1", new FilePush(target.toString(), new byte[0], 0, 0, 0600), notes::add);

    assertThat(Files.readAllBytes(target)).isEmpty();
    assertThat(ran).hasSize(2);
  }

  @Test
  void otherPushFailuresAreNotRetriedThroughExec() {
    assertThatThrownBy(() -> FilePushes.push(incus, "nope", FilePush.of("/etc/x", "x"), notes::add))
        .isInstanceOf(IncusNotFoundException.class);
    assertThat(FilePushes.lostFileHelper(new IncusException("POST /1.0/instances/c1/files", "push file",
        500, "Failed to connect to forkfile: no such file or directory"))).isFalse();
    assertThat(FilePushes.lostFileHelper(new IncusException("POST /1.0/instances/c1/files", "push file",
        500, "dial unix /proc/self/fd/20/forkfile.sock: no such file or directory"))).isTrue();
    assertThat(ran).isEmpty();
  }

  @Test
  void aFailingExecNamesTheFileTheInstanceAndBothFailures() {
    FakeIncus failing = new FakeIncus(List.of("img"), (instance, command, files) ->
        new ExecResult(1, "", "sh: base64: not found\n"), Clock.systemUTC());
    failing.createInstance(InstancesPost.container("c1", InstanceSource.alias("img")).started());
    failing.loseFileHelper("c1");

    assertThatThrownBy(() -> FilePushes.push(failing, "c1", FilePush.of("/etc/x", "x"), notes::add))
        .hasMessage("Cannot write /etc/x into c1 through exec (the files API failed: dial unix"
            + " /proc/self/fd/36/forkfile.sock: connect: no such file or directory): `sh -c mkdir -p \"$(dirname"
            + " \"$1\")\" && : > \"$1\"` exited 1: sh: base64: not found");
  }
}
