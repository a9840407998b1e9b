package io.cul8er.incus;

import static io.cul8er.incus.IncusReplies.async;
import static io.cul8er.incus.IncusReplies.error;
import static io.cul8er.incus.IncusReplies.operation;
import static io.cul8er.incus.IncusReplies.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.StateChange;
import io.cul8er.incus.http.UnixSocketTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client rides out a restarting daemon: a stand-in daemon on a real Unix socket refuses,
 * vanishes, resets, closes or answers 503, then answers; the time of the retries is virtual.
 */
class RestartingDaemonTest {
  private static final String SERVER = "{\"api_version\":\"1.0\",\"api_extensions\":[],\"auth\":\"trusted\"}";
  private static final String INSTANCE = "{\"name\":\"web-1\",\"type\":\"container\",\"status\":\"%s\","
      + "\"config\":{},\"devices\":{},\"profiles\":[\"default\"]}";
  private static final String CREATE = "POST /1.0/instances";
  private static final String GET_WEB_1 = "GET /1.0/instances/web-1?recursion=1";

  @TempDir Path dir;
  private ScriptedDaemon daemon;
  private final VirtualTime time = new VirtualTime();
  private IncusClient client;

  /** Time that passes only when the client pauses; runs an action after a given pause. */
  static final class VirtualTime implements Patience.Clock {
    long now;
    final List<Duration> pauses = new ArrayList<>();
    final Map<Integer, Runnable> afterPause = new HashMap<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleep(Duration pause) {
      pauses.add(pause);
      now += pause.toNanos();
      afterPause.getOrDefault(pauses.size(), () -> { }).run();
    }
  }

  @BeforeEach
  void connect() {
    daemon = ScriptedDaemon.listening(dir.resolve("unix.socket"));
    client = new IncusClient(UnixSocketTransport.open(daemon.socket()), IncusSettings.defaults(), time);
  }

  @AfterEach
  void close() {
    client.close();
    daemon.close();
  }

  /** The first request, answered: the client has known the daemon up. */
  private void answeredOnce() {
    daemon.then(sync(SERVER));
    client.server();
  }

  private static List<Duration> millis(long... values) {
    return java.util.Arrays.stream(values).mapToObj(Duration::ofMillis).toList();
  }

  @Test
  void refusedConnectionsAreRetriedWithBackoffUntilTheDaemonListensAgain() {
    answeredOnce();
    daemon.refuse();
    time.afterPause.put(3, daemon::listen);
    daemon.then(sync("[]"));

    assertThat(client.listInstances()).isEmpty();

    assertThat(time.pauses).isEqualTo(millis(100, 200, 400));
    assertThat(client.requestCount()).isEqualTo(1 + 3 + 1);
    assertThat(daemon.requests()).containsExactly("GET /1.0", "GET /1.0/instances?recursion=2");
  }

  @Test
  void aMissingSocketIsWaitedForLikeARefusal() {
    answeredOnce();
    daemon.vanish();
    time.afterPause.put(2, daemon::listen);
    daemon.then(sync(SERVER));

    client.server();

    assertThat(time.pauses).isEqualTo(millis(100, 200));
    assertThat(client.requestCount()).isEqualTo(1 + 2 + 1);
  }

  @Test
  void aReadWhoseConnectionIsResetOrClosedIsSentAgain() {
    answeredOnce();
    daemon.then(new ScriptedDaemon.Reset()).then(new ScriptedDaemon.Close()).then(sync("[]"));

    assertThat(client.listInstances()).isEmpty();

    assertThat(time.pauses).isEqualTo(millis(100, 200));
    assertThat(client.requestCount()).isEqualTo(4);
    assertThat(daemon.requests()).containsExactly("GET /1.0", "GET /1.0/instances?recursion=2",
        "GET /1.0/instances?recursion=2", "GET /1.0/instances?recursion=2");
  }

  @Test
  void answers503AreRetriedEvenForACreate() {
    answeredOnce();
    daemon.then(error(503, "Daemon setup in progress"), error(503, "Daemon setup in progress"),
        async("op1"), operation("op1", "Success", "", "{}"));

    client.createInstance(InstancesPost.container("web-1", InstanceSource.alias("cul8er/busybox")));

    assertThat(time.pauses).isEqualTo(millis(100, 200));
    assertThat(client.requestCount()).isEqualTo(1 + 3 + 1);
    assertThat(daemon.requests()).containsExactly("GET /1.0", CREATE, CREATE, CREATE,
        "GET /1.0/operations/op1/wait?timeout=300");
  }

  @Test
  void afterTheWindowTheCallSaysWhatWasAttemptedAndWhy() {
    answeredOnce();
    daemon.refuse();

    assertThatThrownBy(() -> client.findInstance("web-1"))
        .isInstanceOf(IncusUnavailableException.class)
        .hasMessage("Incus stopped answering on " + daemon.socket() + " (connection refused) during"
            + " GET /1.0/instances/web-1 (get instance web-1); gave up after retrying for 60 s");

    // 100, 200, 400, 800, 1600 ms, then 2 s 28 times (59.1 s), then the last 0.9 s
    assertThat(time.pauses).hasSize(34).endsWith(Duration.ofSeconds(2), Duration.ofMillis(900));
    assertThat(time.pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(60));
    assertThat(client.requestCount()).isEqualTo(1 + 35);
  }

  @Test
  void aZeroWindowFailsAtTheFirstFailureAsBefore() {
    IncusClient impatient = new IncusClient(UnixSocketTransport.open(daemon.socket()),
        IncusSettings.defaults().withRetryWindow(Duration.ZERO), time);
    daemon.then(sync(SERVER));
    impatient.server();
    daemon.refuse();

    assertThatThrownBy(impatient::listInstances)
        .hasMessage("Incus is not running: nothing listens on " + daemon.socket()
            + " (connection refused). Run `sudo scripts/setup.sh`");
    assertThat(time.pauses).isEmpty();
    impatient.close();
  }

  @Test
  void lostConnectionsAreToldInWordsNotWithJettysObjectDumps() {
    IncusClient impatient = new IncusClient(UnixSocketTransport.open(daemon.socket()),
        IncusSettings.defaults().withRetryWindow(Duration.ZERO), time);
    daemon.then(new ScriptedDaemon.Reset()).then(new ScriptedDaemon.Close());

    // Jetty reads a reset connection as one that ended: both are "connection closed".
    assertThatThrownBy(impatient::server)
        .isInstanceOfSatisfying(IncusUnavailableException.class,
            e -> assertThat(e.loss()).contains(ConnectionLoss.CLOSED))
        .hasMessage("Could not talk to Incus through " + daemon.socket() + ": connection closed");
    assertThatThrownBy(impatient::server)
        .isInstanceOfSatisfying(IncusUnavailableException.class,
            e -> assertThat(e.loss()).contains(ConnectionLoss.CLOSED))
        .hasMessage("Could not talk to Incus through " + daemon.socket() + ": connection closed");
    impatient.close();
  }

  @Test
  void aDaemonThatNeverAnsweredIsNotWaitedFor() {
    daemon.refuse();

    assertThatThrownBy(client::server)
        .hasMessage("Incus is not running: nothing listens on " + daemon.socket()
            + " (connection refused). Run `sudo scripts/setup.sh`");
    assertThat(time.pauses).isEmpty();
    assertThat(client.requestCount()).isEqualTo(1);
  }

  @Test
  void aCreateWhoseAnswerWasLostIsNotSentTwiceWhenTheInstanceExists() {
    answeredOnce();
    daemon.then(new ScriptedDaemon.Close()).then(sync(INSTANCE.formatted("Stopped")));

    client.createInstance(InstancesPost.container("web-1", InstanceSource.alias("cul8er/busybox")));

    assertThat(daemon.requests()).containsExactly("GET /1.0", CREATE, GET_WEB_1);
    assertThat(client.requestCount()).isEqualTo(3);
    assertThat(time.pauses).isEmpty();
  }

  @Test
  void aCreateWhoseAnswerWasLostIsSentAgainWhenTheInstanceIsMissing() {
    answeredOnce();
    daemon.then(new ScriptedDaemon.Reset()).then(error(404, "Instance not found"))
        .then(async("op2"), operation("op2", "Success", "", "{}"));

    client.createInstance(InstancesPost.container("web-1", InstanceSource.alias("cul8er/busybox")));

    assertThat(daemon.requests()).containsExactly("GET /1.0", CREATE, GET_WEB_1, CREATE,
        "GET /1.0/operations/op2/wait?timeout=300");
    assertThat(time.pauses).isEqualTo(millis(100));
  }

  @Test
  void aCreateAndStartWhoseOperationTheRestartedDaemonForgotIsFinishedByAStart() {
    answeredOnce();
    daemon.then(async("op1")).then(new ScriptedDaemon.Close()).then(error(404, "Operation not found"))
        .then(error(404, "Operation not found")).then(sync(INSTANCE.formatted("Stopped")))
        .then(async("op2"), operation("op2", "Success", "", "{}"));

    client.createInstance(InstancesPost.container("web-1", InstanceSource.alias("cul8er/busybox")).started());

    assertThat(daemon.requests()).containsExactly("GET /1.0", CREATE,
        "GET /1.0/operations/op1/wait?timeout=300", "GET /1.0/operations/op1/wait?timeout=300",
        "GET /1.0/operations/op1", GET_WEB_1, "PUT /1.0/instances/web-1/state", "GET /1.0/operations/op2/wait?timeout=300");
  }

  @Test
  void aStateChangeWhoseOutcomeWasLostIsReadBackNotRepeated() {
    answeredOnce();
    daemon.then(async("op1")).then(error(404, "Operation not found")).then(error(404, "Operation not found"))
        .then(sync("{\"status\":\"Stopped\",\"status_code\":102}"));

    client.changeState("web-1", StateChange.stop(10));

    assertThat(daemon.requests()).containsExactly("GET /1.0", "PUT /1.0/instances/web-1/state",
        "GET /1.0/operations/op1/wait?timeout=300", "GET /1.0/operations/op1", "GET /1.0/instances/web-1/state");
  }

  @Test
  void aWaitAnswering404ForAnOperationIncusKnowsIsThatOperationsFailure() {
    answeredOnce();
    String missing = "Failed to handle idmapped storage: No such file or directory";
    daemon.then(async("op1"), error(404, missing), sync("{\"id\":\"op1\",\"status\":\"Failure\","
        + "\"status_code\":400,\"err\":\"" + missing + "\"}"));

    assertThatThrownBy(() -> client.changeState("web-1", StateChange.start()))
        .isInstanceOf(IncusNotFoundException.class)
        .hasMessage("PUT /1.0/instances/web-1/state (start instance web-1): Incus said 404: " + missing);
    assertThat(daemon.requests()).containsExactly("GET /1.0", "PUT /1.0/instances/web-1/state",
        "GET /1.0/operations/op1/wait?timeout=300", "GET /1.0/operations/op1");
  }

  @Test
  void aSnapshotIsLookedForByItsName() {
    answeredOnce();
    daemon.then(new ScriptedDaemon.Close())
        .then(sync("[{\"name\":\"pre-7\",\"stateful\":false,\"config\":{}}]"));

    client.createSnapshot("web-1", "pre-7");

    assertThat(daemon.requests()).containsExactly("GET /1.0", "POST /1.0/instances/web-1/snapshots",
        "GET /1.0/instances/web-1/snapshots?recursion=1");
  }

  @Test
  void aDeleteSentAgainThatFindsNothingHasSucceeded() {
    answeredOnce();
    daemon.then(new ScriptedDaemon.Close()).then(error(404, "Instance not found"));

    client.deleteInstance("web-1");

    assertThat(daemon.requests()).containsExactly("GET /1.0", "DELETE /1.0/instances/web-1",
        "DELETE /1.0/instances/web-1");
  }

  @Test
  void aFirstDeleteThatFindsNothingIsStillNotFound() {
    answeredOnce();
    daemon.then(error(404, "Instance not found"));

    assertThatThrownBy(() -> client.deleteInstance("web-1")).isInstanceOf(IncusNotFoundException.class);
  }

  @Test
  void anExecThatMayHaveRunIsNotSentAgain() {
    answeredOnce();
    daemon.then(new ScriptedDaemon.Close());

    assertThatThrownBy(() -> client.exec("web-1", ExecCommand.of("date")))
        .isInstanceOf(IncusUnavailableException.class)
        .hasMessage("Incus stopped answering on " + daemon.socket() + " (connection closed) during"
            + " POST /1.0/instances/web-1/exec (run date in instance web-1); not sent again: it may have"
            + " been carried out already, and it is not marked safe to repeat");
    assertThat(daemon.requests()).containsExactly("GET /1.0", "POST /1.0/instances/web-1/exec");
    assertThat(client.requestCount()).isEqualTo(2);
  }

  @Test
  void anExecWhoseOperationWasForgottenIsNotRunAgainUnlessIdempotent() {
    answeredOnce();
    daemon.then(async("op1"), error(404, "Operation not found"), error(404, "Operation not found"));

    assertThatThrownBy(() -> client.exec("web-1", ExecCommand.of("date")))
        .isInstanceOf(OperationGoneException.class)
        .hasMessage("POST /1.0/instances/web-1/exec (run date in instance web-1): Incus no longer knows operation op1"
            + " (it forgets finished operations after a few seconds, and all of them when it restarts), so its outcome"
            + " is unknown");

    daemon.then(async("op2"), error(404, "Operation not found"), error(404, "Operation not found"), async("op3"),
        operation("op3", "Success", "", "{\"return\":0,\"output\":{}}"));

    ExecResult result = client.exec("web-1", ExecCommand.of("true").markedIdempotent());

    assertThat(result.exitCode()).isZero();
    assertThat(daemon.requests()).containsExactly("GET /1.0",
        "POST /1.0/instances/web-1/exec", "GET /1.0/operations/op1/wait?timeout=300", "GET /1.0/operations/op1",
        "POST /1.0/instances/web-1/exec", "GET /1.0/operations/op2/wait?timeout=300", "GET /1.0/operations/op2",
        "POST /1.0/instances/web-1/exec", "GET /1.0/operations/op3/wait?timeout=300");
  }

  @Test
  void aNonIdempotentExecThatNeverArrivedIsSentAgain() {
    answeredOnce();
    daemon.refuse();
    time.afterPause.put(1, daemon::listen);
    daemon.then(async("op1"), operation("op1", "Success", "", "{\"return\":0,\"output\":{}}"));

    assertThat(client.exec("web-1", ExecCommand.of("date")).exitCode()).isZero();
    assertThat(daemon.requests()).containsExactly("GET /1.0",
        "POST /1.0/instances/web-1/exec", "GET /1.0/operations/op1/wait?timeout=300");
  }
}
