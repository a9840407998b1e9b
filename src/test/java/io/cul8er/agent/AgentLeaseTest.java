package io.cul8er.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Cul8erException;
import io.cul8er.state.InMemoryStateStore;
import io.cul8er.state.LocalProcess;
import io.cul8er.state.file.FileStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLeaseTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(90);

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void aSecondAgentIsRefusedNamingTheFirstUntilItsLeaseLapses(@TempDir Path dir) {
    FileStateStore store = new FileStateStore(dir, "shop");
    AgentLease first = new AgentLease(store, "shop", "the state directory", at(T0), TTL);
    first.claim();

    String who = LocalProcess.user() + "@" + LocalProcess.host() + " (pid " + LocalProcess.pid() + ")";
    assertThatThrownBy(() -> new AgentLease(store, "shop", "the state directory", at(T0.plusSeconds(89)), TTL).claim())
        .isInstanceOf(Cul8erException.class)
        .hasMessage("An agent already runs for topology shop: " + who + ", started 2026-12-07T10:00:00Z,"
            + " its lease renewed until 2026-12-07T10:01:30Z; stop it first (a killed agent's lease lapses then)");

    AgentLease next = new AgentLease(store, "shop", "the state directory", at(T0.plusSeconds(90)), TTL);
    assertThat(next.claim().started()).isEqualTo(T0.plusSeconds(90));
    assertThatThrownBy(() -> first.renew(Optional.of(T0.plusSeconds(91)), Map.of()))
        .hasMessageStartingWith("The agent lease of topology shop in the state directory was taken by " + who);
  }

  @Test
  void renewingRecordsThePassAndTheInstancesOutOfServiceWhichOutliveTheAgent() {
    InMemoryStateStore store = new InMemoryStateStore("shop");
    AgentLease lease = new AgentLease(store, "shop", "memory", at(T0), TTL);
    lease.claim();
    Memory.OutOfService out = new Memory.OutOfService(T0, "GET /health: answered 503");
    lease.renew(Optional.of(T0.plusSeconds(3)), Map.of("web-2", out));

    AgentRecord record = AgentLease.read(store, "memory").orElseThrow();
    assertThat(record.lastPass()).contains(T0.plusSeconds(3));
    assertThat(record.passes()).isEqualTo(1);
    assertThat(record.expires()).isEqualTo(T0.plus(TTL));
    assertThat(record.outOfService()).containsExactlyEntriesOf(Map.of("web-2", out));

    lease.release();
    AgentRecord gone = AgentLease.read(store, "memory").orElseThrow();
    assertThat(AgentLease.alive(gone, T0)).isFalse();
    assertThat(new AgentLease(store, "shop", "memory", at(T0.plusSeconds(5)), TTL).claim().outOfService())
        .containsExactlyEntriesOf(Map.of("web-2", out));
  }

  @Test
  void anAgentOfThisMachineWhoseProcessIsGoneIsTakenOverAtOnce() {
    InMemoryStateStore store = new InMemoryStateStore("shop");
    AgentRecord dead = new AgentRecord(java.util.UUID.randomUUID(), "alice", LocalProcess.host(), Long.MAX_VALUE / 2,
        T0, T0.plus(TTL), Optional.empty(), 0, Map.of());
    store.swapAgentRecord(Optional.empty(), Optional.of(dead.toJson()));

    assertThat(new AgentLease(store, "shop", "memory", at(T0.plusSeconds(1)), TTL).claim().pid())
        .isEqualTo(LocalProcess.pid());
  }

  @Test
  void theLeaseLastsThreeIntervalsAndAMinute() {
    assertThat(AgentLease.ttl(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(150));
  }
}
