package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The master's status read through its CLI, which a master re-executing itself may answer with nothing. */
class MasterReloadTest {
  private static final String PROC = """
      #<PID>          <type>          <reloads>       <uptime>        <version>
      657             master          2 [failed: 0]   0d00h05m12s     2.6.12-1+deb12u4
      # workers
      1251            worker          0               0d00h00m03s     2.6.12-1+deb12u4
      """;

  /** Answers the scripted lines in turn: empty for a connection closed without a word. */
  private static RuntimeApi answering(String... answers) {
    Deque<String> left = new ArrayDeque<>(List.of(answers));
    return command -> {
      String answer = left.isEmpty() ? "" : left.pop();
      if (!answer.startsWith("#")) {
        throw new HaproxyCommandException(command.line(), "/run/cul8er-edge/master.sock", answer);
      }
      return answer;
    };
  }

  @Test
  void anEmptyAnswerWhileTheMasterReExecutesIsAskedAgain() {
    MasterStatus status = MasterReload.status(answering("", "", PROC));

    assertThat(status.master()).isEqualTo(657);
    assertThat(status.reloads()).isEqualTo(2);
  }

  @Test
  void anAnswerThatSaysSomethingIsNotAskedAgain() {
    assertThatThrownBy(() -> MasterReload.status(answering("Unknown command: 'show proc'", PROC)))
        .isInstanceOf(HaproxyCommandException.class)
        .hasMessage("HAProxy at /run/cul8er-edge/master.sock refused 'show proc': Unknown command: 'show proc'");
  }

  @Test
  void aMasterThatStaysSilentIsAnErrorOnceTheWindowIsOver() {
    assertThatThrownBy(() -> MasterReload.status(answering()))
        .isInstanceOf(HaproxyCommandException.class)
        .hasMessage("HAProxy at /run/cul8er-edge/master.sock refused 'show proc': (empty answer)");
  }
}
