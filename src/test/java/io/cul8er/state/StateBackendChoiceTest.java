package io.cul8er.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Flag over environment over DSL. */
class StateBackendChoiceTest {
  private static final SecretRef PASSWORD = new SecretRef.FromEnv("STATE_PW", SourcePos.NONE);
  private static final StateBackend DSL_POSTGRES =
      new StateBackend.Postgres("jdbc:postgresql://dsl/db", Optional.of(PASSWORD), SourcePos.NONE);

  @Test
  void withoutFlagOrVariableTheDslDecides() {
    StateBackendChoice choice = new StateBackendChoice(Optional.empty(), Map.<String, String>of()::get);

    assertThat(choice.resolve(StateBackend.defaultFile())).isEqualTo(StateBackend.defaultFile());
    assertThat(choice.resolve(DSL_POSTGRES)).isEqualTo(DSL_POSTGRES);
  }

  @Test
  void theVariableOverridesTheDslAndKeepsItsPasswordReference() {
    StateBackendChoice choice =
        new StateBackendChoice(
            Optional.empty(), Map.of(StateBackendChoice.URL_VARIABLE, "jdbc:postgresql://env/db")::get);

    assertThat(choice.resolve(DSL_POSTGRES))
        .isEqualTo(new StateBackend.Postgres("jdbc:postgresql://env/db", Optional.of(PASSWORD), SourcePos.NONE));
    assertThat(choice.resolve(StateBackend.defaultFile()))
        .isEqualTo(new StateBackend.Postgres("jdbc:postgresql://env/db", Optional.empty(), SourcePos.NONE));
  }

  @Test
  void theFlagOverridesTheVariable() {
    StateBackendChoice choice =
        new StateBackendChoice(
                Optional.empty(), Map.of(StateBackendChoice.URL_VARIABLE, "jdbc:postgresql://env/db")::get)
            .withUrlFlag(Optional.of("jdbc:postgresql://flag/db"));

    assertThat(((StateBackend.Postgres) choice.resolve(StateBackend.defaultFile())).url())
        .isEqualTo("jdbc:postgresql://flag/db");
  }

  @Test
  void aBlankVariableIsIgnored() {
    StateBackendChoice choice =
        new StateBackendChoice(Optional.empty(), Map.of(StateBackendChoice.URL_VARIABLE, " ")::get);

    assertThat(choice.resolve(StateBackend.defaultFile())).isEqualTo(StateBackend.defaultFile());
  }
}
