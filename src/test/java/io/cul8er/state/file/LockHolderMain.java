package io.cul8er.state.file;

import io.cul8er.state.LockInfo;
import io.cul8er.state.StateLock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Run in a child JVM by the tests: takes the lock of a topology, prints {@code locked <id>}, and
 * holds it until its standard input closes (or it is killed).
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    FileStateStore store = new FileStateStore(Path.of(args[0]), args[1]);
    StateLock lock =
        store.lock(LockInfo.forThisProcess(args[1], "apply", Clock.systemUTC()), Duration.ZERO);
    System.out.println("locked " + lock.info().id());
    System.out.flush();
    while (System.in.read() >= 0) {
      // hold the lock until the parent closes our input
    }
    lock.close();
  }
}
