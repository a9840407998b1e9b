package io.cul8er.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.state.LockInfo;
import io.cul8er.state.LockStatus;
import io.cul8er.state.StateStore;
import io.cul8er.state.StateStoreContract;
import io.cul8er.state.file.ChildJvm;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the {@link StateStoreContract} against {@link PostgresStateStore} on the real PostgreSQL of
 * the tests, each test in a schema of its own; the dying holder is a JVM killed with SIGKILL whose
 * short lease then runs out.
 */
class PostgresStateStoreIT extends StateStoreContract {
  private static final Lease SHORT_LEASE = new Lease(Duration.ofMillis(1200), Duration.ofMillis(300));

  @RegisterExtension final SchemaPerTest schema = new SchemaPerTest();
  private final TestPostgres.Server server = schema.server;

  @Override
  protected StateStore openStore(String topology) {
    return new PostgresStateStore(
        schema.database(), topology, Lease.DEFAULT, Clock.systemUTC(), System.err::println);
  }

  @Override
  protected LockInfo lockByHolderThatDies(String topology) throws Exception {
    try (ChildJvm holder =
        ChildJvm.start(
            LeaseHolderMain.class,
            schema.url(),
            server.passwordFile().toString(),
            topology,
            "" + SHORT_LEASE.length().toMillis(),
            "" + SHORT_LEASE.renewEvery().toMillis())) {
      assertThat(holder.readLine()).startsWith("locked ");
      LockStatus held = openStore(topology).status();
      assertThat(held).isInstanceOf(LockStatus.Held.class);
      Optional<LockInfo> info = ((LockStatus.Held) held).holder();
      assertThat(info).hasValueSatisfying(i -> assertThat(i.pid()).isEqualTo(holder.pid()));
      holder.kill();
    }
    return awaitStale(topology).lock().holder();
  }

  /** Waits (at most 20 s) until the killed holder's lease has run out. */
  private LockStatus.Stale awaitStale(String topology) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (openStore(topology).status() instanceof LockStatus.Stale stale) {
        return stale;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the lease of the killed holder never expired");
  }
}
