package io.cul8er.state.postgres;

import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import io.cul8er.state.LockInfo;
import io.cul8er.state.StateLock;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Run in a child JVM by the tests: takes the PostgreSQL lock of a topology with a short lease
 * ({@code url passwordFile topology leaseMillis renewMillis}), prints {@code locked <id>}, and keeps
 * renewing it until its standard input closes (or it is killed).
 */
public final class LeaseHolderMain {
  private LeaseHolderMain() {}

  public static void main(String[] args) throws Exception {
    SecretRef password = new SecretRef.FromFile(args[1], SourcePos.NONE);
    Database database =
        new Database(
            new PostgresUrl(args[0]),
            () -> PostgresPassword.read(Optional.of(password), System::getenv));
    Lease lease =
        new Lease(Duration.ofMillis(Long.parseLong(args[3])), Duration.ofMillis(Long.parseLong(args[4])));
    PostgresStateStore store =
        new PostgresStateStore(database, args[2], lease, Clock.systemUTC(), System.err::println);
    StateLock lock =
        store.lock(LockInfo.forThisProcess(args[2], "apply", Clock.systemUTC()), Duration.ZERO);
    System.out.println("locked " + lock.info().id());
    System.out.flush();
    while (System.in.read() >= 0) {
      // hold the lock until the parent closes our input
    }
    lock.close();
  }
}
