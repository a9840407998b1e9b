package io.cul8er.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.state.StateException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void migrationsAreNumberedFromOneWithoutGapsAndOnTheClassPath() {
    assertThat(Migrations.ALL)
        .extracting(Migrations.Migration::version)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, Migrations.ALL.size()).boxed().toList());
    assertThat(Migrations.LATEST).isEqualTo(Migrations.ALL.size());
    for (Migrations.Migration migration : Migrations.ALL) {
      assertThat(migration.resource()).startsWith(String.format("db/postgres/%03d_", migration.version()));
      assertThat(migration.sql()).isNotBlank();
    }
    assertThat(Migrations.ALL.get(0).sql()).contains("CREATE TABLE audit_log");
    assertThat(Migrations.ALL.get(1).sql()).contains("'refused'");
    assertThat(Migrations.ALL.get(2).sql()).contains("CREATE TABLE rollout_journal");
  }

  @Test
  void aSchemaNewerThanThisVersionIsRefused() {
    PostgresUrl url = new PostgresUrl("jdbc:postgresql://db/cul8er");

    Migrations.refuseNewer(Migrations.LATEST, url);
    assertThatThrownBy(() -> Migrations.refuseNewer(Migrations.LATEST + 1, url))
        .isInstanceOf(StateException.class)
        .hasMessage(
            "Refused to use the PostgreSQL state in jdbc:postgresql://db/cul8er: its schema is at"
                + " version "
                + (Migrations.LATEST + 1)
                + ", newer than the version "
                + Migrations.LATEST
                + " this C U L8er knows; upgrade C U L8er (an older one never changes a newer"
                + " schema)");
  }

  @Test
  void aMissingMigrationFileIsABug() {
    assertThatThrownBy(() -> new Migrations.Migration(9, "x", "db/postgres/none.sql").sql())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("migration db/postgres/none.sql is missing from the class path");
  }
}
