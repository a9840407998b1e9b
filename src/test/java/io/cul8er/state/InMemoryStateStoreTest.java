package io.cul8er.state;

import java.time.Duration;
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
