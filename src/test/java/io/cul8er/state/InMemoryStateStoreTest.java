package io.cul8er.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import java.util.HashMap;
import java.util.Map;

/** Runs the {@link StateStoreContract} against {@link InMemoryStateStore}. */
class InMemoryStateStoreTest extends StateStoreContract {
  private final Map<String, InMemoryStateStore> stores = new HashMap<>();

  @Override
  protected synchronized StateStore openStore(String topology) {
    return stores.computeIfAbsent(topology, InMemoryStateStore::new);
  }

  @Override
  protected boolean clientsAreSeparate() {
    return false;
  }

  @Test
  void aForceReleaseTellsTheHolderAtOnce() throws Exception {
    LockInfo alice = StateFixtures.lockInfo("alice", "5f0c3a52-8e8e-4f0a-9a34-0d5c2a4f1b11", "demo");
    StateLock lock = openStore("demo").lock(alice, Duration.ZERO);
    List<String> reasons = new CopyOnWriteArrayList<>();
    lock.onLost(reasons::add);

    openStore("demo").forceRelease(alice.id());

    assertThat(reasons)
        .containsExactly(
            "this run lost the state lock "
                + alice.id()
                + ": someone released it (`cul8er lock release`) while this run held it");
  }

  @Override
  protected LockInfo lockByHolderThatDies(String topology) throws Exception {
    LockInfo info =
        StateFixtures.lockInfo("carol", "3e6b1f0c-93f4-4c0a-a1f3-b7c1d2e3f4a5", topology);
    Thread holder =
        new Thread(
            () -> {
              try {
                openStore(topology).lock(info, Duration.ZERO);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "dying-holder");
    holder.start();
    holder.join();
    return info;
  }
}
