package io.cul8er.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.HistoryEntry;
import io.cul8er.state.LocalProcess;
import io.cul8er.state.LockInfo;
import io.cul8er.state.LockStatus;
import io.cul8er.state.StateBackendChoice;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code cul8er} processes sharing their state in the test PostgreSQL while they change real
 * containers on the local Incus: applies started at the same instant, an apply refused or waiting
 * while another holds the lock, a holder killed with SIGKILL, and the backend chosen by flag and
 * environment.
 */
class PostgresApplyIT {
  private static final Map<String, String> NO_ENVIRONMENT = Map.of();
  private static final int REPLICAS = 3;

  @RegisterExtension final SchemaPerTest schema = new SchemaPerTest();
  private final TestPostgres.Server server = schema.server;
  private final String name = "pg" + UUID.randomUUID().toString().substring(0, 6);
  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void writeTopology() throws IOException {
    file = dir.resolve(name + ".cul8");
    Files.writeString(file, topology(schema.stateBlock()));
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    Cul8erProcess.run(NO_ENVIRONMENT, "destroy", name, "-f", file.toString(), "--yes", "--lock-timeout", "30s");
    for (String instance : incusInstances()) {
      run("incus", "delete", "-f", instance);
    }
  }

  @Test
  void twoAppliesStartedAtOnceWithoutWaitingOneProceedsTheOtherFailsNamingIt() throws Exception {
    List<Cul8erProcess> both = startAtOnce("--lock-timeout", "0s");

    for (Cul8erProcess run : both) {
      run.awaitExit(180);
    }
    List<Cul8erProcess> proceeded = both.stream().filter(run -> run.exitCode() == 0).toList();
    assertThat(proceeded).as(both.get(0).output() + "\n---\n" + both.get(1).output()).hasSize(1);
    Cul8erProcess winner = proceeded.get(0);
    Cul8erProcess loser = both.get(both.get(0) == winner ? 1 : 0);
    assertThat(loser.exitCode()).as(loser.output()).isEqualTo(1);
    assertThat(loser.output())
        .contains("state for topology `" + name + "` is locked by " + LocalProcess.user() + "@" + LocalProcess.host()
            + " (pid " + winner.pid() + ") for apply since ");
    assertConsistentAndEqualToIncus(REPLICAS);
    assertThat(store().auditEntries())
        .extracting(AuditEntry::outcome, AuditEntry::serialBefore, AuditEntry::serialAfter)
        .as("only the winner ran; the loser's refusal is audited")
        .containsExactlyInAnyOrder(
            tuple(AuditEntry.Outcome.SUCCEEDED, 0L, (long) REPLICAS), tuple(AuditEntry.Outcome.REFUSED, 0L, 0L));
    assertThat(store().status()).isEqualTo(new LockStatus.Unlocked());
  }

  @Test
  void twoAppliesStartedAtOnceWithALockTimeoutOneProceedsTheOtherWaitsThenFindsNothingToDo() throws Exception {
    List<Cul8erProcess> both = startAtOnce("--lock-timeout", "120s");

    for (Cul8erProcess run : both) {
      assertThat(run.awaitExit(240)).as(run.output()).isZero();
    }
    assertConsistentAndEqualToIncus(REPLICAS);
    assertThat(store().auditEntries())
        .extracting(AuditEntry::outcome, AuditEntry::serialBefore, AuditEntry::serialAfter)
        .as("one changed the state; the other waited, then found it done")
        .containsExactly(
            tuple(AuditEntry.Outcome.SUCCEEDED, 0L, (long) REPLICAS),
            tuple(AuditEntry.Outcome.SUCCEEDED, (long) REPLICAS, (long) REPLICAS));
    assertThat(store().status()).isEqualTo(new LockStatus.Unlocked());
  }

  /**
   * Starts two applies that reach the lock at the same instant: both queue in the database behind
   * a {@link LockBarrier} on the lock row, which then opens.
   */
  private List<Cul8erProcess> startAtOnce(String... options) throws Exception {
    store().init();
    PostgresStateStore quiet = new PostgresStateStore(schema.database(), name, Lease.DEFAULT, Clock.systemUTC(), w -> { });
    quiet.lock(LockInfo.forThisProcess(name, "barrier", Clock.systemUTC()), java.time.Duration.ZERO);
    try (LockBarrier barrier = new LockBarrier(schema)) {
      List<Cul8erProcess> both = List.of(apply(options), apply(options));
      barrier.awaitQueued(2, 120);
      barrier.open();
      return both;
    }
  }

  @Test
  void aSecondApplyFailsNamingTheHolderAndAThirdWaitsForIt() throws Exception {
    // A lease far longer than the pause below, so that the paused holder keeps it on any machine.
    Cul8erProcess first = apply(Map.of(Lease.SECONDS_VARIABLE, "600"), "--parallelism", "1");
    first.await("done: create", 120);
    run("kill", "-STOP", "" + first.pid()); // holds the lock, however loaded this machine is

    Cul8erProcess refused = apply("--lock-timeout", "0s");
    Cul8erProcess status = Cul8erProcess.start(NO_ENVIRONMENT, "lock", "status", name, "-f", file.toString());
    Cul8erProcess waiting = apply("--lock-timeout", "120s");
    refused.awaitExit(60);
    status.awaitExit(60);
    run("kill", "-CONT", "" + first.pid());

    assertThat(first.awaitExit(180)).as(first.output()).isZero();
    assertThat(waiting.awaitExit(180)).as(waiting.output()).isZero();
    assertThat(first.output()).as("the paused holder kept its lease").doesNotContain("warning");
    String holder = LocalProcess.user() + "@" + LocalProcess.host() + " (pid " + first.pid() + ") for apply";
    assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .as("first (pid %d):%n%s%nwaiting (pid %d):%n%s", first.pid(), first.output(), waiting.pid(), waiting.output())
        .contains("state for topology `" + name + "` is locked by " + holder);
    assertThat(status.output()).startsWith(name + ": locked by " + holder);
    assertConsistentAndEqualToIncus(REPLICAS);
    List<AuditEntry> audit = store().auditEntries();
    assertThat(audit)
        .extracting(AuditEntry::outcome)
        .as("the refused apply is audited while the first still runs; the first changed the state,"
            + " the waiting one found nothing left to do")
        .containsExactly(
            AuditEntry.Outcome.REFUSED, AuditEntry.Outcome.SUCCEEDED, AuditEntry.Outcome.SUCCEEDED);
    assertThat(audit.get(0).summary()).startsWith("state for topology `" + name + "` is locked by " + holder);
    assertThat(audit.subList(1, 3)).extracting(AuditEntry::serialBefore).containsExactly(0L, (long) REPLICAS);
    assertThat(store().status()).isEqualTo(new LockStatus.Unlocked());
  }

  @Test
  void afterKillNineOfTheHolderItsLeaseExpiresAndTheNextApplyProceeds() throws Exception {
    Cul8erProcess holder = apply("--parallelism", "1");
    holder.await("done: create", 120);
    holder.kill();
    long killed = System.nanoTime();
    assertThat(store().status()).as("the lease outlives its holder for a while").isInstanceOf(LockStatus.Held.class);

    Cul8erProcess next = apply("--lock-timeout", "60s");
    next.awaitExit(180);
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    Cul8erProcess converge = apply("--lock-timeout", "0s");

    assertThat(next.output()).as("it got the lock and applied").contains("Plan: ").doesNotContain("is locked by");
    assertThat(waitedMillis)
        .as("the lease (15 s, renewed every 5 s) outlived its holder for at least 10 s")
        .isGreaterThanOrEqualTo(10_000);
    System.out.println("PostgresApplyIT: the apply after the kill got the lock and finished " + waitedMillis + " ms after the kill");
    // The killed run may have left an Incus operation half done (a start in flight), which the
    // next run can trip on; what matters here is that it ran, and that the one after converges.
    assertThat(converge.awaitExit(180)).as(converge.output()).isZero();
    assertConsistentAndEqualToIncus(REPLICAS);
    assertThat(store().status()).isEqualTo(new LockStatus.Unlocked());
    assertThat(store().auditEntries()).as("the killed run never audited; the next two did").hasSize(2);
  }

  @Test
  void theStateUrlFlagWinsOverTheEnvironmentWhichWinsOverTheDsl() throws Exception {
    Files.writeString(file, topology("")); // the default file backend
    Map<String, String> password = Map.of("PGPASSWORD", server.password());
    String unreachable = "jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody";

    Cul8erProcess byEnvironment = Cul8erProcess.run(
        Map.of("PGPASSWORD", server.password(), StateBackendChoice.URL_VARIABLE, schema.url()),
        "plan", name, "-f", file.toString());
    Cul8erProcess byFlag = Cul8erProcess.run(
        Map.of("PGPASSWORD", server.password(), StateBackendChoice.URL_VARIABLE, unreachable),
        "lock", "status", name, "-f", file.toString(), "--state-url", schema.url());
    Cul8erProcess wrongEnvironment = Cul8erProcess.run(
        Map.of(StateBackendChoice.URL_VARIABLE, unreachable), "plan", name, "-f", file.toString());
    Cul8erProcess noPassword = Cul8erProcess.run(NO_ENVIRONMENT, "plan", name, "-f", file.toString(), "--state-url", schema.url());
    Cul8erProcess wrongPassword = Cul8erProcess.run(
        Map.of("PGPASSWORD", "not-the-password"), "plan", name, "-f", file.toString(), "--state-url", schema.url());
    Cul8erProcess passwordInUrl = Cul8erProcess.run(
        password, "plan", name, "-f", file.toString(), "--state-url", schema.url() + "&password=hunter2");

    assertThat(byEnvironment.exitCode()).as(byEnvironment.output()).isZero();
    assertThat(store().read()).as("the plan created the lineage in the database").isPresent();
    assertThat(dir.resolve(".cul8er")).doesNotExist();
    assertThat(byFlag.exitCode()).as(byFlag.output()).isZero();
    assertThat(byFlag.output()).isEqualTo(name + ": unlocked\n");
    assertThat(wrongEnvironment.exitCode()).isEqualTo(1);
    assertThat(wrongEnvironment.output())
        .contains("Tried to initialise the state of topology `" + name + "` in the PostgreSQL database " + unreachable
            + ", but the database is unreachable: Connection to 127.0.0.1:1 refused");
    assertThat(noPassword.output()).contains("the server asks user `cul8er_test` for a password and none was given");
    assertThat(wrongPassword.output())
        .contains("but authentication failed for user `cul8er_test`: FATAL: password authentication failed for user \"cul8er_test\"");
    assertThat(passwordInUrl.output())
        .contains("Refused the PostgreSQL state URL: it contains a password (parameter `password`)")
        .doesNotContain("hunter2");
    for (Cul8erProcess run : List.of(byEnvironment, byFlag, wrongEnvironment, noPassword, wrongPassword, passwordInUrl)) {
      assertThat(run.output()).doesNotContain(server.password());
    }
  }

  private String topology(String state) {
    return "topology :" + name + " do\n"
        + "  host :local do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + state
        + "  resource :worker, type: :container, on: :local do\n"
        + "    from_image \"cul8er/busybox\"\n    replicas " + REPLICAS + "\n"
        + "    limits do\n      memory megabytes: 32\n    end\n  end\n"
        + "end\n";
  }

  private Cul8erProcess apply(String... options) {
    return apply(NO_ENVIRONMENT, options);
  }

  private Cul8erProcess apply(Map<String, String> environment, String... options) {
    List<String> args = new ArrayList<>(List.of("apply", name, "-f", file.toString(), "--yes"));
    args.addAll(Arrays.asList(options));
    return Cul8erProcess.start(environment, args.toArray(String[]::new));
  }

  private PostgresStateStore store() {
    return new PostgresStateStore(schema.database(), name, Lease.DEFAULT, Clock.systemUTC(), System.err::println);
  }

  /** Serials 0..n with no gap, every version readable, and the last one what Incus runs. */
  private void assertConsistentAndEqualToIncus(int instances) {
    PostgresStateStore store = store();
    StateSnapshot current = store.read().orElseThrow();
    List<Long> serials = store.history().stream().map(HistoryEntry::serial).toList();
    assertThat(serials).containsExactlyElementsOf(LongStream.rangeClosed(0, current.serial()).boxed().toList());
    for (long serial : serials) {
      StateSnapshot version = store.version(serial).orElseThrow();
      assertThat(version.lineage()).isEqualTo(current.lineage());
      assertThat(version.serial()).isEqualTo(serial);
    }
    assertThat(current.instances()).extracting(RecordedInstance::instanceName)
        .hasSize(instances)
        .containsExactlyInAnyOrderElementsOf(incusInstances());
  }

  private List<String> incusInstances() {
    return Arrays.stream(run("incus", "list", name + "-", "-c", "n", "-f", "csv").split("\n"))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + String.join(" ", command));
      }
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
