package io.cul8er.state.postgres;

import static io.cul8er.state.StateFixtures.auditEntry;
import static io.cul8er.state.StateFixtures.lockInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.state.AuditEntry;
import io.cul8er.model.JournalRecord;
import io.cul8er.state.LockInfo;
import io.cul8er.state.LockStatus;
import io.cul8er.state.StateException;
import io.cul8er.state.StateLock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the PostgreSQL backend has: migrations, leases renewed by a heartbeat, its errors. */
class PostgresSchemaIT {
  private static final LockInfo ALICE = lockInfo("alice", "5f0c3a52-8e8e-4f0a-9a34-0d5c2a4f1b11", "demo");

  @RegisterExtension final SchemaPerTest schema = new SchemaPerTest();
  private final TestPostgres.Server server = schema.server;
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  private PostgresStateStore store(Lease lease) {
    return new PostgresStateStore(schema.database(), "demo", lease, Clock.systemUTC(), warnings::add);
  }

  @Test
  void theFirstUseMigratesTheSchemaOnceEvenFromManyProcessesAtOnce() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> opened = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        opened.add(threads.submit(() -> store(Lease.DEFAULT).init()));
      }
      for (Future<?> done : opened) {
        done.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(query("SELECT version || ' ' || description FROM schema_version ORDER BY version"))
        .containsExactlyElementsOf(Migrations.ALL.stream().map(m -> m.version() + " " + m.description()).toList());
    assertThat(store(Lease.DEFAULT).history()).hasSize(1);
  }

  @Test
  void aSchemaLeftAtVersionOneIsMigratedAndThenRecordsRefusedRuns() throws Exception {
    execute("CREATE TABLE schema_version (version integer PRIMARY KEY, description text NOT NULL,"
        + " applied_at timestamptz NOT NULL DEFAULT now())");
    execute(Migrations.ALL.get(0).sql());
    execute("INSERT INTO schema_version (version, description) VALUES (1, 'by an older C U L8er')");
    assertThatThrownBy(() -> execute("INSERT INTO audit_log (topology, at, user_name, host, operation, outcome,"
        + " duration_nanos, lineage, serial_before, serial_after, summary)"
        + " VALUES ('demo', now(), 'u', 'h', 'apply', 'refused', 0, '', 0, 0, 'held')"))
        .hasMessageContaining("audit_log_outcome_check");

    PostgresStateStore store = store(Lease.DEFAULT);
    store.append(auditEntry("state for topology `demo` is locked by bob", AuditEntry.Outcome.REFUSED, 0, 0));

    assertThat(query("SELECT version::text FROM schema_version ORDER BY version")).containsExactly("1", "2", "3", "4");
    assertThat(store.auditEntries()).extracting(AuditEntry::outcome).containsExactly(AuditEntry.Outcome.REFUSED);
  }

  @Test
  void aSchemaLeftAtVersionTwoIsMigratedAndThenKeepsTheRolloutJournalInItsOwnTable() throws Exception {
    execute("CREATE TABLE schema_version (version integer PRIMARY KEY, description text NOT NULL,"
        + " applied_at timestamptz NOT NULL DEFAULT now())");
    execute(Migrations.ALL.get(0).sql());
    execute(Migrations.ALL.get(1).sql());
    execute("INSERT INTO schema_version (version, description) VALUES (1, 'old'), (2, 'old')");
    assertThat(query("SELECT to_regclass('rollout_journal')::text")).containsExactly((String) null);

    PostgresStateStore store = store(Lease.DEFAULT);
    store.appendJournal(new JournalRecord("r-1", Instant.parse("2026-11-26T01:02:03.123456Z"), "step-started", 2,
        "{\"instance\":\"demo-web-1\"}\nü"));
    store(Lease.DEFAULT).appendJournal(new JournalRecord("r-2", Instant.EPOCH, "begun", -1, ""));

    assertThat(query("SELECT version::text FROM schema_version ORDER BY version")).containsExactly("1", "2", "3", "4");
    assertThat(query("SELECT concat_ws('|', id, topology, rollout, at AT TIME ZONE 'UTC', kind, step, data)"
        + " FROM rollout_journal ORDER BY id"))
        .containsExactly(
            "1|demo|r-1|2026-11-26 01:02:03.123456|step-started|2|{\"instance\":\"demo-web-1\"}\nü",
            "2|demo|r-2|1970-01-01 00:00:00|begun|-1|");
    assertThat(query("SELECT indexdef FROM pg_indexes WHERE indexname = 'rollout_journal_by_topology'"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .endsWith("USING btree (topology, id)");
    assertThatThrownBy(() -> execute("INSERT INTO rollout_journal (topology, rollout, at, kind, step, data)"
        + " VALUES ('demo', 'r', now(), 'begun', -2, '')"))
        .hasMessageContaining("rollout_journal_step_check");
    assertThat(store.swapAgentRecord(java.util.Optional.empty(), java.util.Optional.of("{\"passes\":0}"))).isTrue();
    assertThat(query("SELECT topology || '|' || record FROM agent_records")).containsExactly("demo|{\"passes\":0}");
  }

  @Test
  void aSchemaWrittenByANewerVersionIsRefusedAndLeftAlone() throws Exception {
    store(Lease.DEFAULT).init();
    execute("INSERT INTO schema_version (version, description) VALUES (" + (Migrations.LATEST + 1) + ", 'future')");

    assertThatThrownBy(() -> store(Lease.DEFAULT).read())
        .isInstanceOf(StateException.class)
        .hasMessage(
            "Refused to use the PostgreSQL state in " + schema.url() + ": its schema is at version "
                + (Migrations.LATEST + 1) + ", newer than the version " + Migrations.LATEST
                + " this C U L8er knows; upgrade C U L8er (an older one never changes a newer schema)");
  }

  @Test
  void historyAndAuditCannotBeRewritten() throws Exception {
    PostgresStateStore store = store(Lease.DEFAULT);
    store.init();
    store.append(auditEntry("2 to add", AuditEntry.Outcome.SUCCEEDED, 0, 1));

    assertThatThrownBy(() -> execute("DELETE FROM audit_log"))
        .hasMessageContaining("C U L8er keeps audit_log append-only: DELETE is refused");
    assertThatThrownBy(() -> execute("UPDATE state_versions SET serial = 7"))
        .hasMessageContaining("C U L8er keeps state_versions append-only: UPDATE is refused");
    assertThat(store.auditEntries()).hasSize(1);
  }

  @Test
  void theHeartbeatKeepsALeaseAliveLongPastItsLength() throws Exception {
    Lease shortLease = new Lease(Duration.ofMillis(1200), Duration.ofMillis(300));
    PostgresStateStore holder = store(shortLease);

    try (StateLock lock = holder.lock(ALICE, Duration.ZERO)) {
      Instant firstExpiry = lock.info().expiresAt().orElseThrow();
      Thread.sleep(3 * shortLease.length().toMillis());

      LockStatus status = store(Lease.DEFAULT).status();
      assertThat(status).isInstanceOf(LockStatus.Held.class);
      Instant renewedExpiry = ((LockStatus.Held) status).holder().orElseThrow().expiresAt().orElseThrow();
      assertThat(renewedExpiry).isAfter(firstExpiry.plus(shortLease.length()));
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void anUnreachableDatabaseIsNamedWithTheActionTried() {
    Database nowhere = new Database(new PostgresUrl("jdbc:postgresql://127.0.0.1:1/cul8er?user=x"), Optional::empty);
    PostgresStateStore store = new PostgresStateStore(nowhere, "demo");

    assertThatThrownBy(store::status)
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(
            "Tried to read the state lock of topology `demo` in the PostgreSQL database"
                + " jdbc:postgresql://127.0.0.1:1/cul8er?user=x, but the database is unreachable:"
                + " Connection to 127.0.0.1:1 refused");
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection connection = server.connect(schema.url());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = server.connect(schema.url());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
