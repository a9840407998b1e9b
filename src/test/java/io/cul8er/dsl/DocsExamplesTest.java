package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every ```elixir block of docs/dsl.md and of the README parses without error. */
class DocsExamplesTest {
  private static final List<Path> DOCS = List.of(Path.of("docs/dsl.md"), Path.of("README.md"), Path.of("docs/deploys.md"));

  static Stream<String> examples() throws IOException {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : allLines()) {
      if (current == null && line.equals("```elixir")) {
        current = new StringBuilder();
      } else if (current != null && line.equals("```")) {
        blocks.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks.stream();
  }

  private static List<String> allLines() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path doc : DOCS) {
      lines.addAll(Files.readAllLines(doc));
    }
    return lines;
  }

  @Test
  void theDocumentHasExamplesOfEveryLayer() throws IOException {
    assertThat(examples().count()).isGreaterThanOrEqualTo(10);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleParsesWithoutError(String example) {
    ParseResult result = Dsl.parse("dsl.md", example);
    assertThat(result.hasErrors()).as(example + "\n" + result.render()).isFalse();
  }
}
