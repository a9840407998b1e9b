package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.api.TerminalSize;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** What `logs` and `exec` accept, refuse and print, without any instance. */
class LogsAndExecOptionsTest {
  private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");
  private final SinceConverter since = new SinceConverter(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void sinceIsADurationBackFromNowOrAnRfc3339Time() {
    assertThat(since.convert("90s")).isEqualTo(Instant.parse("2026-12-08T09:58:30Z"));
    assertThat(since.convert("2h")).isEqualTo(Instant.parse("2026-12-08T08:00:00Z"));
    assertThat(since.convert("2026-12-08T09:30:00Z")).isEqualTo(Instant.parse("2026-12-08T09:30:00Z"));
    assertThat(since.convert("2026-12-08t10:30:00.5+01:00")).isEqualTo(Instant.parse("2026-12-08T09:30:00.5Z"));
    assertThatThrownBy(() -> since.convert("2026-12-08 09:30")).isInstanceOf(TypeConversionException.class)
        .hasMessage("'2026-12-08 09:30' is not an RFC 3339 time; write e.g. 2026-12-08T09:30:00Z (a zone or"
            + " offset is needed), or a duration back from now such as 10m");
    assertThatThrownBy(() -> since.convert("yesterday")).hasMessage("'yesterday' is neither a duration back from now"
        + " (90s, 10m, 2h) nor an RFC 3339 time (2026-12-08T09:30:00Z)");
  }

  @Test
  void badCombinationsAreUsageErrorsWithoutAStackTrace() {
    assertRefused(new String[] {"logs", "t", "web", "--lines", "5", "--since", "10m"},
        "give either --lines or --since, not both");
    assertRefused(new String[] {"logs", "t", "--edge", "--follow"},
        "--since and --follow read a resource's output; with --edge, only --lines applies");
    assertRefused(new String[] {"logs", "t", "web", "--since", "soon"},
        "'soon' is neither a duration back from now");
    assertRefused(new String[] {"exec", "t", "web"}, "name the command to run after --, e.g. `cul8er exec t web -- sh`");
    assertRefused(new String[] {"exec", "t", "web", "--instance", "0", "--", "true"}, "--instance counts from 1, got 0");
  }

  private static void assertRefused(String[] args, String message) {
    Cli.Run run = Cli.run(args);
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(run.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void linesArePrefixedWithTheirInstanceWholeWhateverTheChunksTheyCameIn() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    PrefixedLines web1 = new PrefixedLines("web-1", out);
    PrefixedLines web2 = new PrefixedLines("web-2", out);
    byte[] first = "2026-12-08T10:00:00Z sta".getBytes(StandardCharsets.UTF_8);
    web1.write(first, 0, first.length);
    byte[] second = "2026-12-08T10:00:01Z up\r\nhalf".getBytes(StandardCharsets.UTF_8);
    web2.write(second, 0, second.length);
    byte[] rest = "rted\n".getBytes(StandardCharsets.UTF_8);
    web1.write(rest, 0, rest.length);
    web2.close();
    assertThat(text.toString()).isEqualTo("web-2 | 2026-12-08T10:00:01Z up\n"
        + "web-1 | 2026-12-08T10:00:00Z started\n"
        + "web-2 | half\n");
  }

  @Test
  void theTerminalSizeIsReadFromSttyRowsThenColumns() {
    assertThat(LocalTerminal.parseSize("50 132\n")).contains(new TerminalSize(132, 50));
    assertThat(LocalTerminal.parseSize("0 0\n")).isEmpty();
    assertThat(LocalTerminal.parseSize("")).isEqualTo(Optional.empty());
  }
}
