package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `cul8er exec` and `cul8er logs --since/--follow` on one hello-web instance deployed once on the
 * local Incus: the command's environment (a variable and a secret), directory, stdin and exit code,
 * with and without a terminal (the CLI run under `script` for a pty); timestamped log lines, the
 * lines since a time, and a follower that sees a restart's lines and whose reader ends with it.
 */
class ExecAndLogsIT {
  private static final String SECRET_VARIABLE = "CUL8ER_IT_EXEC_SECRET";
  private static final Pattern JOURNAL_LINE = Pattern.compile(
      "(?m)^(\\S+) \\| (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}[+-]\\d\\d:?\\d\\d) .*listening on.*$");

  private final String secret = "s3cret-" + UUID.randomUUID();

  @TempDir Path dir;
  LiveTopology topology;

  @AfterEach
  void cleanUp() {
    if (topology != null) {
      topology.destroy();
    }
  }

  @Test
  void execRunsAsTheReleaseRunsAndLogsCarryTimestampsSinceAndFollow() throws Exception {
    Shell.ok("bash", "examples/hello-web/build.sh", "1.0.0");
    Path releases = Files.createDirectories(dir.resolve("releases"));
    Files.copy(Path.of("examples/hello-web/releases/hello-web-1.0.0.tar.gz"), releases.resolve("hello-web-1.0.0.tar.gz"));
    topology = new LiveTopology(dir, """
          resource :web, type: :container, on: :local do
            from_image "cul8er/debian12-jvm"
            environment do
              env "GREETING", "hello there"
              secret "APP_TOKEN", from: :system, key: "%s"
            end
            deploy release: :"hello-web", version: "1.0.0", runtime: :jvm
          end
          strategy do
            healthcheck do
              endpoint "http://localhost:8080/health"
              interval milliseconds: 200
              grace_period seconds: 3
            end
          end
        """.formatted(SECRET_VARIABLE));
    Cli.Run deployed = cul8er("deploy", topology.name);
    assertThat(deployed.exitCode()).as(deployed.out()).isZero();
    String instance = topology.instance("web");

    // Without a terminal: environment, secret, directory, stdin piped, stderr apart, exit code.
    Run piped = run("piped input\n", "exec", topology.name, "web", "--", "sh", "-c",
        "echo \"$GREETING/$APP_TOKEN/$(pwd -P)\"; cat; test -t 0 || echo no-terminal; echo to-stderr >&2; exit 7");
    assertThat(piped.code()).as(piped.toString()).isEqualTo(7);
    assertThat(piped.out()).isEqualTo("hello there/" + secret + "//opt/cul8er/hello-web/releases/1.0.0\n"
        + "piped input\nno-terminal\n");
    assertThat(piped.err()).isEqualTo("to-stderr\n");
    Run noSuchInstance = run("", "exec", topology.name, "web", "--instance", "2", "--", "true");
    assertThat(noSuchInstance.code()).isEqualTo(1);
    assertThat(noSuchInstance.err()).isEqualTo("error: Resource `web` has no instance 2; --instance takes one of: 1 "
        + instance + "\n");

    // With a terminal: the CLI under script(1), which gives it a pty and passes its exit code on.
    Run tty = run("", "script", "-qec", String.join(" ", javaCommand()) + " exec " + topology.name + " web -f "
        + topology.f() + " -- sh -c 'tty; test -t 0 && test -t 1 && echo both-terminals; exit 3'", "/dev/null");
    assertThat(tty.code()).as(tty.toString()).isEqualTo(3);
    assertThat(tty.out()).matches("(?s)/dev/pts/\\d+\r\nboth-terminals\r\n");

    // Every line starts with its time; --since keeps those from then on.
    String logs = cul8er("logs", topology.name, "web").out();
    Matcher first = JOURNAL_LINE.matcher(logs);
    assertThat(first.find()).as(logs).isTrue();
    assertThat(first.group(1)).isEqualTo(instance);
    Instant started = OffsetDateTime.parse(first.group(2), DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS[xxx][xx]"))
        .toInstant();
    String afterStart = started.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();

    Process follower = CliProcess.start(Map.of(), "logs", topology.name, "web", "--follow", "--lines", "0",
        "-f", topology.f());
    CliProcess.Output followed = CliProcess.Output.of(follower);
    try {
      awaitReader(instance, true);
      Shell.ok("incus", "exec", instance, "--", "systemctl", "restart", "cul8er-hello-web");
      followed.await("listening on", java.time.Duration.ofSeconds(60));
    } finally {
      follower.destroy();
      assertThat(follower.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(followed.text()).doesNotContain("cul8er:");
    assertThat(JOURNAL_LINE.matcher(followed.text()).results().count()).as(followed.text()).isEqualTo(1);
    awaitReader(instance, false);

    String since = cul8er("logs", topology.name, "web", "--since", afterStart).out();
    assertThat(JOURNAL_LINE.matcher(since).results().count()).as(since).isEqualTo(1);
    assertThat(JOURNAL_LINE.matcher(cul8er("logs", topology.name, "web").out()).results().count()).isEqualTo(2);
  }

  /** Waits (30 s at most) until the instance runs a journal follower, or none. */
  private static void awaitReader(String instance, boolean running) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      boolean found = Shell.run("incus", "exec", instance, "--", "pgrep", "-f", "journalctl.*-f").exitCode() == 0;
      if (found == running) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the follower's journalctl in " + instance + (running ? " never started" : " did not end"));
  }

  private Cli.Run cul8er(String... args) throws IOException, InterruptedException {
    List<String> withFile = new ArrayList<>(List.of(args));
    withFile.addAll(List.of("-f", topology.f()));
    return CliProcess.run(Map.of(SECRET_VARIABLE, secret), 5, withFile.toArray(String[]::new));
  }

  private record Run(int code, String out, String err) {}

  /** The CLI (or {@code script} around it) with {@code input} on stdin, stdout and stderr apart. */
  private Run run(String input, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (!args[0].equals("script")) {
      command.addAll(javaCommand());
      command.addAll(List.of(args[0], "-f", topology.f()));
      command.addAll(List.of(args).subList(1, args.length));
    } else {
      command.addAll(List.of(args));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile())
        .redirectOutput(dir.resolve("stdout").toFile());
    builder.environment().put(SECRET_VARIABLE, secret);
    builder.environment().remove(io.cul8er.state.StateBackendChoice.URL_VARIABLE);
    Process process = builder.start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    if (!args[0].equals("script")) {
      process.getOutputStream().close();
    }
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    process.getOutputStream().close();
    return new Run(process.exitValue(), Files.readString(dir.resolve("stdout")), Files.readString(dir.resolve("stderr")));
  }

  private static List<String> javaCommand() {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target/cul8er.jar").toAbsolutePath().toString());
  }
}
