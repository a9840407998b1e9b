package io.cul8er;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import io.cul8er.state.StateBackendChoice;
import io.cul8er.state.StateStore;
import io.cul8er.state.file.FileStateStore;
import io.cul8er.state.postgres.PostgresStateStore;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a topology's state backend becomes a store. */
class StateStoresTest {
  @TempDir Path project;

  @Test
  void theFileBackendLivesNextToTheTopologyFile() {
    StateStore store =
        StateStores.open(StateBackend.defaultFile(), project.resolve("deploy/app.cul8"), "prod");

    assertThat(store).isInstanceOf(FileStateStore.class);
    assertThat(((FileStateStore) store).directory())
        .isEqualTo(project.resolve("deploy/.cul8er/prod"));
    assertThat(store.topology()).isEqualTo("prod");
    assertThat(store.location()).isEqualTo(project.resolve("deploy/.cul8er/prod").toString());
  }

  @Test
  void thePostgresBackendOpensAStoreInThatDatabaseWithoutConnectingYet() {
    StateBackend postgres =
        new StateBackend.Postgres("jdbc:postgresql://db/cul8er", Optional.empty(), SourcePos.NONE);
    StateBackendChoice noOverride = new StateBackendChoice(Optional.empty(), name -> null);

    StateStore store = StateStores.open(noOverride, postgres, project.resolve("app.cul8"), "prod");

    assertThat(store).isInstanceOf(PostgresStateStore.class);
    assertThat(store.topology()).isEqualTo("prod");
    assertThat(store.location()).isEqualTo("jdbc:postgresql://db/cul8er");
  }

  @Test
  void aStateUrlFlagTurnsAFileBackendIntoPostgres() {
    StateBackendChoice flag =
        new StateBackendChoice(Optional.of("jdbc:postgresql://flag/db"), name -> null);

    StateStore store =
        StateStores.open(flag, StateBackend.defaultFile(), project.resolve("app.cul8"), "prod");

    assertThat(store.location()).isEqualTo("jdbc:postgresql://flag/db");
  }
}
