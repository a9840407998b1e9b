package io.cul8er.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.state.StateException;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

  @Test
  void aJdbcUrlWithAUserIsAccepted() {
    PostgresUrl url = new PostgresUrl("jdbc:postgresql://db:5432/cul8er?user=deploy&ssl=true");

    assertThat(url.user()).contains("deploy");
    assertThat(url.toString()).isEqualTo("jdbc:postgresql://db:5432/cul8er?user=deploy&ssl=true");
    assertThat(new PostgresUrl("jdbc:postgresql://db/cul8er").user()).isEmpty();
    assertThat(new PostgresUrl("jdbc:postgresql:cul8er?ssl").user()).isEmpty();
  }

  @Test
  void aPasswordParameterIsRefusedWithoutEchoingTheUrl() {
    assertThatThrownBy(() -> new PostgresUrl("jdbc:postgresql://db/cul8er?user=a&PassWord=hunter2"))
        .isInstanceOf(StateException.class)
        .hasMessage(
            "Refused the PostgreSQL state URL: it contains a password (parameter `PassWord`);"
                + " C U L8er never takes a password from a URL. Give it in the environment variable"
                + " PGPASSWORD or in the state block as `password: [from: :system, key: \"NAME\"]`"
                + " or `[from: :file, path: \"...\"]`")
        .message()
        .doesNotContain("hunter2");
    assertThatThrownBy(() -> new PostgresUrl("jdbc:postgresql://db/c?sslpassword=x"))
        .hasMessageContaining("parameter `sslpassword`");
  }

  @Test
  void userInfoBeforeTheHostIsRefused() {
    assertThatThrownBy(() -> new PostgresUrl("jdbc:postgresql://deploy:hunter2@db/cul8er"))
        .isInstanceOf(StateException.class)
        .hasMessage(
            "Refused the PostgreSQL state URL: it names a user (and perhaps a password) before"
                + " `@`, which the PostgreSQL driver does not read; write it as"
                + " jdbc:postgresql://HOST:PORT/DATABASE?user=NAME");
  }

  @Test
  void otherUrlsAreRefused() {
    assertThatThrownBy(() -> new PostgresUrl("postgres://deploy:hunter2@db/cul8er"))
        .isInstanceOf(StateException.class)
        .hasMessage(
            "Refused the PostgreSQL state URL: it is not a PostgreSQL JDBC URL; write it as"
                + " jdbc:postgresql://HOST:PORT/DATABASE?user=NAME");
    assertThatThrownBy(() -> new PostgresUrl(null)).isInstanceOf(StateException.class);
  }
}
