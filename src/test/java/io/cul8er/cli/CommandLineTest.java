package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands that need no Incus: validate, inspect, usage errors, exit codes, lock status. */
class CommandLineTest {
  private static final String GUIDE = "src/test/resources/dsl/guide/";

  @TempDir Path dir;

  @Test
  void validateAcceptsTheGuidesCompletedProductionExampleWithItsWarnings() {
    Cli.Run run = Cli.run("validate", "-f", GUIDE + "production-complete.cul8");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("warning: host `db` has unknown platform `:icusos`").endsWith("0 errors, 3 warnings\n");
    assertThat(run.out()).isEqualTo("Valid: 1 topology (production) in 1 file.\n");
  }

  @Test
  void validateRejectsTheGuidesProductionExampleAsWrittenOnlyForApp2() {
    Cli.Run run = Cli.run("validate", "-f", GUIDE + "production.cul8");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().filter(l -> l.contains(": error: ")))
        .singleElement().asString().contains("resource `app_2` has no image");
    assertThat(run.err()).endsWith("1 error, 3 warnings\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void inspectJsonGivesTheNormalisedModelWithMemoryInBytes() throws Exception {
    Cli.Run run = Cli.run("inspect", "demo", "-f", "examples/demo.cul8", "--json");

    assertThat(run.exitCode()).as(run.all()).isZero();
    JsonNode model = new ObjectMapper().readTree(run.out());
    assertThat(model.get("name").asText()).isEqualTo("demo");
    JsonNode web = model.get("resources").get(0);
    assertThat(web.get("name").asText()).isEqualTo("web");
    assertThat(web.get("limits").get("memoryBytes").asLong()).isEqualTo(64L * 1024 * 1024);
    assertThat(web.get("limits").get("cpus").asInt()).isEqualTo(1);
    assertThat(web.get("exposes").get(0).get("as").asInt()).isEqualTo(8080);
    assertThat(web.get("pos").asText()).isEqualTo("examples/demo.cul8:9:3");
  }

  @Test
  void logsNeedsEitherAResourceOrEdgeBeforeItReadsAnything() {
    Cli.Run neither = Cli.run("logs", "demo", "-f", "examples/demo.cul8");
    Cli.Run both = Cli.run("logs", "demo", "web", "--edge", "-f", "examples/demo.cul8");

    assertThat(neither.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(neither.err()).isEqualTo("error: name a RESOURCE whose instances' output to show, or give --edge for the"
        + " edges' access log\nRun `cul8er logs --help` for usage.\n");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(both.err()).isEqualTo("error: give either a RESOURCE or --edge, not both\n"
        + "Run `cul8er logs --help` for usage.\n");
    assertThat(neither.out() + both.out()).isEmpty();
  }

  @Test
  void inspectWithoutJsonPrintsTheTopologyBackAsDsl() {
    Cli.Run run = Cli.run("inspect", "demo", "-f", "examples/demo.cul8");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("topology :demo do\n").contains("from_image \"cul8er/busybox\"");
  }

  @Test
  void aMistypedTopologyNameSuggestsTheClosestOne() {
    Cli.Run run = Cli.run("inspect", "demoo", "-f", "examples/demo.cul8");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(
        "error: No topology named `demoo` in examples/demo.cul8; did you mean `demo`? They define: demo\n");
  }

  @Test
  void anUnknownTopologyNameFarFromAnyNamesTheOnesThatExist() {
    Cli.Run run = Cli.run("inspect", "production", "-f", "examples/demo.cul8");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: No topology named `production` in examples/demo.cul8; they define: demo\n");
  }

  @Test
  void aMissingFileIsAUserError() {
    Cli.Run run = Cli.run("validate", "-f", "no/such.cul8");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: Cannot read topology file no/such.cul8: no such file\n");
  }

  @Test
  void debugAddsTheStackTrace() {
    Cli.Run run = Cli.run("--debug", "validate", "-f", "no/such.cul8");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: Cannot read topology file no/such.cul8").contains("\tat io.cul8er.cli.");
  }

  @Test
  void aMistypedCommandSuggestsTheRightOneAndExitsOne() {
    Cli.Run run = Cli.run("valdate");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Unmatched argument at index 0: 'valdate'").contains("validate")
        .contains("Run `cul8er --help` for usage.");
  }

  @Test
  void aBadDurationIsAUsageError() {
    Cli.Run run = Cli.run("apply", "demo", "-f", "examples/demo.cul8", "--lock-timeout", "soon");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("'soon' is not a duration; write e.g. 30s, 2m or 500ms");
  }

  @Test
  void everyCommandAtEveryLevelHasHelpAndTheToolsVersion() {
    List<List<String>> paths = commandPaths(Main.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()), "--help"), List.of());
    assertThat(paths).hasSize(25).contains(List.of("agent"), List.of("promote"), List.of("exec"), List.of("lock", "status"), List.of("lock", "release"),
        List.of("maintenance"),
        List.of("rollout", "status"), List.of("rollout", "abandon"),
        List.of("generate-completion"), List.of("help"));

    for (List<String> path : paths) {
      String command = "cul8er " + String.join(" ", path);
      Cli.Run help = Cli.run(with(path, "--help"));
      assertThat(help.exitCode()).as(command + " --help: " + help.all()).isZero();
      assertThat(help.out().lines().filter(l -> l.startsWith("Usage: ")).findFirst()).as(command)
          .hasValueSatisfying(usage -> assertThat(usage).startsWith("Usage: " + command + " "));
      assertThat(help.out()).as(command).contains("-h, --help");
      assertThat(Cli.run(with(path, "-h")).out()).as(command + " -h").isEqualTo(help.out());

      Cli.Run version = Cli.run(with(path, "-V"));
      assertThat(version.exitCode()).as(command + " -V").isZero();
      assertThat(version.out()).as(command + " -V").isEqualTo(Cli.run("--version").out());
    }
  }

  @Test
  void theHelpCommandShowsACommandsUsage() {
    Cli.Run run = Cli.run("help", "lock");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(Cli.run("lock", "--help").out());
  }

  @Test
  void planAndDeployKeepDashDashVersionForTheReleaseVersionAndDashVForTheTools() {
    for (String command : List.of("plan", "deploy")) {
      assertThat(Cli.run(command, "--help").out()).as(command).contains("--version=VERSION").contains("-hV");
    }
  }

  @Test
  void versionNamesTheToolAndTheJava() {
    assertThat(Cli.run("--version").out()).isEqualTo("cul8er " + VersionProvider.UNPACKAGED + "\nJava "
        + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")\n");
  }

  @Test
  void versionIsThePackagesImplementationVersionWhenThereIsOne() {
    assertThat(new VersionProvider("1.4.2").getVersion()[0]).isEqualTo("cul8er 1.4.2");
    assertThat(new VersionProvider(null).getVersion()[0]).isEqualTo("cul8er development build");
    assertThat(new VersionProvider(" ").getVersion()[0]).isEqualTo("cul8er development build");
  }

  @Test
  void completionIsABashScriptForEveryCommand() {
    Cli.Run run = Cli.run("generate-completion");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F _complete_cul8er").contains("function _picocli_cul8er_lock_release()");
  }

  private static List<List<String>> commandPaths(CommandLine command, List<String> above) {
    List<List<String>> paths = new ArrayList<>();
    command.getSubcommands().forEach((name, sub) -> {
      List<String> path = new ArrayList<>(above);
      path.add(name);
      paths.add(path);
      paths.addAll(commandPaths(sub, path));
    });
    return paths;
  }

  private static String[] with(List<String> path, String option) {
    List<String> args = new ArrayList<>(path);
    args.add(option);
    return args.toArray(String[]::new);
  }

  @Test
  void lockStatusOfAFreshTopologyIsUnlocked() throws Exception {
    Path file = dir.resolve("t.cul8");
    Files.copy(Path.of("examples/demo.cul8"), file);

    Cli.Run run = Cli.run("lock", "status", "-f", file.toString());

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).isEqualTo("demo: unlocked\n");
  }

  @Test
  void releasingALockThatIsNotHeldIsRefused() throws Exception {
    Path file = dir.resolve("t.cul8");
    Files.copy(Path.of("examples/demo.cul8"), file);

    Cli.Run notAnId = Cli.run("lock", "release", "nope", "-f", file.toString());
    assertThat(notAnId.err()).isEqualTo(
        "error: `nope` is not a lock ID; `cul8er lock status` shows the IDs of held locks\n");

    Cli.Run notHeld = Cli.run("lock", "release", "5f0c0b8e-0000-4000-8000-000000000000", "-f", file.toString());
    assertThat(notHeld.exitCode()).isEqualTo(1);
    assertThat(notHeld.err()).contains("is locked with ID 5f0c0b8e-0000-4000-8000-000000000000");
  }

  @Test
  void aHeldLockIsShownAndAForcedReleaseIsAudited() throws Exception {
    Path file = dir.resolve("t.cul8");
    Files.copy(Path.of("examples/demo.cul8"), file);
    io.cul8er.state.StateStore store = io.cul8er.StateStores.open(dir.resolve(".cul8er"), "demo");
    store.init();
    io.cul8er.state.LockInfo info =
        io.cul8er.state.LockInfo.forThisProcess("demo", "apply", java.time.Clock.systemUTC());
    store.lock(info, java.time.Duration.ZERO);

    Cli.Run status = Cli.run("lock", "status", "-f", file.toString());
    assertThat(status.out()).isEqualTo("demo: locked by " + info.describe() + "\n");

    Cli.Run release = Cli.run("lock", "release", info.id().toString(), "-f", file.toString());
    assertThat(release.exitCode()).as(release.all()).isZero();
    assertThat(release.out()).isEqualTo("Released lock " + info.id() + " of topology demo.\n");
    assertThat(store.auditEntries()).singleElement().satisfies(entry -> {
      assertThat(entry.operation()).isEqualTo("lock-release");
      assertThat(entry.summary()).startsWith("force-released lock " + info.id() + " (locked by ");
    });
    assertThat(Cli.run("lock", "status", "-f", file.toString()).out()).isEqualTo("demo: unlocked\n");
  }

  @Test
  void aParallelismOutOfRangeIsAUsageError() {
    Cli.Run run = Cli.run("deploy", "demo", "-f", "examples/demo.cul8", "--parallelism", "0");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: --parallelism must be between 1 and 100, got 0\n");
  }
}
