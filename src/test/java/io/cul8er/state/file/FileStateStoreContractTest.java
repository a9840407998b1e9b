package io.cul8er.state.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.state.LockInfo;
import io.cul8er.state.LockStatus;
import io.cul8er.state.StateStore;
import io.cul8er.state.StateStoreContract;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@link StateStoreContract} against {@link FileStateStore}; the dying holder is a killed
 * JVM.
 */
class FileStateStoreContractTest extends StateStoreContract {
  @TempDir Path root;

  @Override
  protected StateStore openStore(String topology) {
    return new FileStateStore(root, topology);
  }

  @Override
  protected LockInfo lockByHolderThatDies(String topology) throws Exception {
    try (ChildJvm holder = ChildJvm.start(LockHolderMain.class, root.toString(), topology)) {
      assertThat(holder.readLine()).startsWith("locked ");
      LockStatus status = openStore(topology).status();
      assertThat(status).isInstanceOf(LockStatus.Held.class);
      Optional<LockInfo> info = ((LockStatus.Held) status).holder();
      assertThat(info).hasValueSatisfying(i -> assertThat(i.pid()).isEqualTo(holder.pid()));
      holder.kill();
      return info.get();
    }
  }
}
