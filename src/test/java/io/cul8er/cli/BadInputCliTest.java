package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.Dsl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad files through the command line: `validate` and `inspect` exit 1, print positioned diagnostics
 * on stderr (the first line is one, and the expected one is among them), and print no exception and
 * no stack trace.
 */
class BadInputCliTest {
  private static final String TOPOLOGY = """
      topology :t do
        host :h do
          address "local"
          platform :debian
        end
      %s
      end
      """;

  @TempDir Path dir;

  static Stream<Arguments> badFiles() {
    return Stream.of(
        bad("garbage", new byte[] {'t', 'o', 'p', 0, 1, 2, (byte) 0xff, '\n'},
            ":1:7: error: not a text file: invalid UTF-8 at byte 6"),
        bad("NUL byte", text("topology :a do\n  ab\0cd\nend\n"),
            ":2:5: error: not a text file: it contains a NUL byte"),
        bad("invalid UTF-8", new byte[] {'a', '\n', 'x', 'y', (byte) 0xC3, (byte) 0x28, 'z'},
            ":2:3: error: not a text file: invalid UTF-8 at byte 4"),
        bad("over 1 MiB", text("#".repeat(Dsl.MAX_FILE_BYTES + 1)),
            ":1:1: error: file is 1048577 bytes, more than the limit of 1048576 bytes (1 MiB)"),
        bad("nested blocks too deep",
            text("topology :t do\n" + "strategy do\n".repeat(Dsl.MAX_NESTING + 1) + "end\n".repeat(Dsl.MAX_NESTING + 2)),
            ":65:10: error: nesting is deeper than 64 levels"),
        bad("nested lists too deep", text("topology :t do\n observability do\n metrics " + "[".repeat(100_000)
            + "\nend\nend\n"), ":3:72: error: nesting is deeper than 64 levels"),
        bad("unterminated string", text(TOPOLOGY.formatted(
                "  resource :app, type: :container, on: :h do\n    deploy release: :app, version: \"1.0\n  end")),
            ":7:36: error: unterminated string: no closing `\"`"),
        bad("unterminated block", text(TOPOLOGY.formatted("  strategy do\n    batch_size 1")),
            ":1:13: error: unterminated block: the `do` of `topology` has no matching `end`"),
        bad("wrong type", text(TOPOLOGY.formatted("  strategy do\n    batch_size \"two\"\n  end")),
            ":7:16: error: `batch_size` expects an integer, got a string"),
        bad("unknown setting", text(TOPOLOGY.formatted("  strategy do\n    batch_sise 1\n  end")),
            ":7:5: error: unknown setting `batch_sise` in `strategy`"));
  }

  @ParameterizedTest(name = "validate: {0}")
  @MethodSource("badFiles")
  void validateGivesPositionedErrorsAndExitsOne(byte[] content, String diagnostic) throws IOException {
    Path file = write(content);

    Cli.Run run = Cli.run("validate", "-f", file.toString());

    assertPositionedUserError(run, file, diagnostic);
  }

  @ParameterizedTest(name = "inspect: {0}")
  @MethodSource("badFiles")
  void inspectGivesTheSamePositionedErrorsAndExitsOne(byte[] content, String diagnostic) throws IOException {
    Path file = write(content);

    Cli.Run run = Cli.run("inspect", "t", "-f", file.toString(), "--json");

    assertPositionedUserError(run, file, diagnostic);
    assertThat(run.err()).endsWith("error: The topology files have errors (listed above); nothing was changed.\n");
  }

  private static void assertPositionedUserError(Cli.Run run, Path file, String diagnostic) {
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(run.err().lines().findFirst()).as(run.err())
        .hasValueSatisfying(first -> assertThat(first).matches(Pattern.quote(file.toString()) + ":\\d+:\\d+: error: .+"));
    assertThat(run.err().lines()).as(run.err()).contains(file + diagnostic);
    assertThat(run.out()).isEmpty();
    assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private Path write(byte[] content) throws IOException {
    return Files.write(dir.resolve("bad.cul8"), content);
  }

  private static Arguments bad(String name, byte[] content, String firstLineAfterFile) {
    return Arguments.of(Named.of(name, content), firstLineAfterFile);
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
