package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code show proc} through a master's CLI that answers a few times with nothing first. */
class MasterReloadTest {
  private static final String SHOW_PROC = """
      #<PID>          <type>          <reloads>       <uptime>        <version>
      23037           master          9 [failed: 0]   0d00h00m56s     2.6.12-1+deb12u4
      # workers
      25299           worker          0               0d00h00m02s     2.6.12-1+deb12u4
      # programs

      """;

  /** Answers {@code answers} in turn: an empty one as HAProxy's refusal with no text, as the master CLI's client reports it. */
  private static RuntimeApi cli(Deque<String> answers) {
    return command -> {
      String answer = answers.removeFirst();
      if (answer.isEmpty()) {
        throw new HaproxyCommandException(command.line(), "master.sock", "");
      }
      return answer;
    };
  }

  @Test
  void anEmptyAnswerFromAMasterBusyReExecutingItselfIsAskedAgain() {
    Deque<String> answers = new ArrayDeque<>(List.of("", "", SHOW_PROC));

    assertThat(MasterReload.status(cli(answers))).isEqualTo(new MasterStatus(23037, 9, 0, List.of(25299L), List.of()));
    assertThat(answers).isEmpty();
  }

  @Test
  void aRefusalWithAReasonIsNotAskedAgain() {
    Deque<String> answers = new ArrayDeque<>(List.of("Unknown command.", SHOW_PROC));
    RuntimeApi refusing = command -> {
      throw new HaproxyCommandException(command.line(), "master.sock", answers.removeFirst());
    };

    assertThatThrownBy(() -> MasterReload.status(refusing))
        .hasMessage("HAProxy at master.sock refused 'show proc': Unknown command.");
    assertThat(answers).containsExactly(SHOW_PROC);
  }
}
