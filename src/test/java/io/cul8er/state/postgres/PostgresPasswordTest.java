package io.cul8er.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import io.cul8er.state.StateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresPasswordTest {
  private static final SourcePos AT = new SourcePos("deploy/app.cul8", 3, 5);
  @TempDir Path dir;

  @Test
  void withoutAReferenceItIsPgpasswordIfSet() {
    assertThat(PostgresPassword.read(Optional.empty(), Map.of("PGPASSWORD", "s3cret")::get))
        .contains("s3cret");
    assertThat(PostgresPassword.read(Optional.empty(), Map.<String, String>of()::get)).isEmpty();
  }

  @Test
  void anEnvironmentReferenceReadsThatVariable() {
    SecretRef ref = new SecretRef.FromEnv("STATE_PW", AT);

    assertThat(PostgresPassword.read(Optional.of(ref), Map.of("STATE_PW", "s3cret", "PGPASSWORD", "other")::get))
        .contains("s3cret");
    assertThatThrownBy(() -> PostgresPassword.read(Optional.of(ref), Map.of("PGPASSWORD", "other")::get))
        .isInstanceOf(StateException.class)
        .hasMessage(
            "Tried to read the PostgreSQL state password named at deploy/app.cul8:3:5, but the"
                + " environment variable STATE_PW is not set");
  }

  @Test
  void aFileReferenceReadsTheFileWithoutItsFinalNewline() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "s3cret\n");

    assertThat(PostgresPassword.read(Optional.of(new SecretRef.FromFile(file.toString(), AT)), n -> null))
        .contains("s3cret");
    SecretRef missing = new SecretRef.FromFile(dir.resolve("missing").toString(), AT);
    assertThatThrownBy(() -> PostgresPassword.read(Optional.of(missing), n -> null))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(
            "Tried to read the PostgreSQL state password named at deploy/app.cul8:3:5, but the file "
                + dir.resolve("missing")
                + " cannot be read (java.nio.file.NoSuchFileException: ");
  }
}
