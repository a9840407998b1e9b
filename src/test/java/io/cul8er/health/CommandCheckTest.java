package io.cul8er.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.CheckResult.Passed;
import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class CommandCheckTest {
  private static final Duration TWO_SECONDS = Duration.ofSeconds(2);
  private final List<String> ran = new ArrayList<>();
  private final List<Duration> timeouts = new ArrayList<>();

  private Target answering(CommandRunner.Output output) {
    return Target.of("db-1", "10.0.0.7").withCommands((command, timeout) -> {
      ran.add(command);
      timeouts.add(timeout);
      return output;
    });
  }

  private static String failure(CheckResult result) {
    assertThat(result).isInstanceOf(Failed.class);
    return ((Failed) result).message();
  }

  @Test
  void exitZeroPassesAndTheCommandGetsTheTimeout() throws InterruptedException {
    Target db = answering(new CommandRunner.Output(0, "ok"));

    CheckResult result = Health.command("pg_isready").attempt(db, TWO_SECONDS);

    assertThat(result).isInstanceOf(Passed.class);
    assertThat(ran).containsExactly("pg_isready");
    assertThat(timeouts).containsExactly(TWO_SECONDS);
  }

  @Test
  void aNonZeroExitFailsWithItsOutput() throws InterruptedException {
    Target db = answering(new CommandRunner.Output(2, "/var/run/postgresql:5432 - no response\n"));

    assertThat(failure(Health.command("pg_isready").attempt(db, TWO_SECONDS)))
        .isEqualTo("`pg_isready` in db-1: exited 2: /var/run/postgresql:5432 - no response");
    assertThat(failure(Health.command("false").attempt(answering(new CommandRunner.Output(1, null)), TWO_SECONDS)))
        .isEqualTo("`false` in db-1: exited 1");
  }

  @Test
  void aCommandThatOutlivesTheTimeoutTimesOut() throws InterruptedException {
    Target db = Target.of("db-1", "10.0.0.7").withCommands((command, timeout) -> {
      throw new TimeoutException();
    });

    assertThat(failure(Health.command("sleep 60").attempt(db, TWO_SECONDS)))
        .isEqualTo("`sleep 60` in db-1: timed out after 2000 ms");
  }

  @Test
  void aCommandThatCannotRunFailsWithWhy() throws InterruptedException {
    Target stopped = Target.of("db-1", "10.0.0.7").withCommands((command, timeout) -> {
      throw new Cul8erException("Tried to exec in instance db-1 but failed because: instance is not running");
    });
    Target broken = Target.of("db-1", "10.0.0.7").withCommands((command, timeout) -> {
      throw new IOException("socket closed");
    });

    assertThat(failure(Health.command("true").attempt(stopped, TWO_SECONDS))).isEqualTo(
        "`true` in db-1: could not run it: Tried to exec in instance db-1 but failed because: instance is not running");
    assertThat(failure(Health.command("true").attempt(broken, TWO_SECONDS)))
        .isEqualTo("`true` in db-1: could not run it: socket closed");
    assertThat(failure(Health.command("true").attempt(Target.of("db-1", "10.0.0.7"), TWO_SECONDS)))
        .isEqualTo("`true` in db-1: could not run it: no way to run commands in this instance was given");
  }

  @Test
  void aRealShellReportsExitCodeAndOutput() throws InterruptedException {
    Target host = Target.of("host", "127.0.0.1").withCommands(ProcessCommandRunner.local());

    assertThat(Health.command("test -d /").attempt(host, Duration.ofSeconds(10))).isInstanceOf(Passed.class);
    Check failing = Health.command("echo not ready; echo 'no socket' >&2; exit 3");
    assertThat(failure(failing.attempt(host, Duration.ofSeconds(10))))
        .isEqualTo("`echo not ready; echo 'no socket' >&2; exit 3` in host: exited 3: not ready no socket");
  }

  @Test
  void aRealShellCommandIsStoppedAtTheTimeout() throws InterruptedException {
    Target host = Target.of("host", "127.0.0.1").withCommands(ProcessCommandRunner.local());

    CheckResult result = Health.command("sleep 30").attempt(host, Duration.ofMillis(300));

    assertThat(failure(result)).isEqualTo("`sleep 30` in host: timed out after 300 ms");
    assertThat(result.latency()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anEmptyCommandIsRejected() {
    assertThatThrownBy(() -> Health.command(" ")).hasMessage("a health check command cannot be empty");
  }
}
