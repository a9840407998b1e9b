package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples of the documentation. Every ```elixir block parses without error. A ```text block of
 * docs/dsl.md is a promise about diagnostics, in one of two layouts: DSL source whose {@code #}
 * comment lines are diagnostics it gives (an error line with or without its FILE:LINE:COL, and
 * hints; the examples are fragments, so other diagnostics may come with them), or a rendered
 * diagnostic of one of the guide's files, checked against that file.
 */
class DocsExamplesTest {
  private static final List<Path> DOCS = List.of(Path.of("docs/dsl.md"), Path.of("README.md"), Path.of("docs/deploys.md"));
  private static final Path DSL_DOC = Path.of("docs/dsl.md");
  private static final String SOURCE_NAME = "t.cul8";
  /** The files the rendered diagnostics of the docs were taken from. */
  private static final Map<String, Path> RENDERED_FROM =
      Map.of("production.cul8", Path.of("src/test/resources/dsl/guide/production.cul8"));
  private static final Pattern HEADER = Pattern.compile("(\\S+\\.cul8):\\d+:\\d+: (error|warning): .*");
  private static final Pattern UNPOSITIONED = Pattern.compile("(error|warning): .*");

  /** A fenced block: the document and line where it starts, and its text. */
  record Block(Path doc, int line, String text) {
    List<String> lines() {
      return text.lines().toList();
    }

    @Override
    public String toString() {
      return doc + ":" + line;
    }
  }

  static Stream<Named<Block>> elixirExamples() throws IOException {
    return named(DOCS, "elixir");
  }

  static Stream<Named<Block>> diagnosticExamples() throws IOException {
    return named(List.of(DSL_DOC), "text");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("elixirExamples")
  void elixirExampleParsesWithoutError(Block example) {
    ParseResult result = Dsl.parse(SOURCE_NAME, example.text());

    assertThat(result.hasErrors()).as(example.text() + "\n" + result.render()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagnosticExamples")
  void textExampleShowsTheDiagnosticsTheDslGives(Block example) throws IOException {
    if (HEADER.matcher(example.lines().get(0)).matches()) {
      assertRenderedFromItsFile(example);
    } else {
      assertSourceGivesItsCommentedDiagnostics(example);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void everyDocumentHasElixirExamples(Path doc) throws IOException {
    assertThat(blocks(doc, "elixir")).as(doc.toString()).isNotEmpty();
  }

  @org.junit.jupiter.api.Test
  void theLanguageReferencePromisesDiagnosticsInBothLayouts() throws IOException {
    List<Block> text = blocks(DSL_DOC, "text");

    assertThat(text).anyMatch(b -> HEADER.matcher(b.lines().get(0)).matches());
    assertThat(text).anyMatch(b -> b.lines().stream().anyMatch(l -> l.startsWith("# ")));
  }

  static Stream<Path> documents() {
    return DOCS.stream();
  }

  /** Source lines, then `# error: ...` or `# t.cul8:L:C: error: ...` and `#   hint: ...` lines. */
  private static void assertSourceGivesItsCommentedDiagnostics(Block example) {
    String source = String.join("\n", example.lines().stream().filter(l -> !l.startsWith("#")).toList()) + "\n";
    List<String> promised = example.lines().stream().filter(l -> l.startsWith("# ")).map(l -> l.substring(2)).toList();
    ParseResult result = Dsl.parse(SOURCE_NAME, source);
    List<String> rendered = result.render().lines().toList();
    List<String> headers = rendered.stream().filter(l -> HEADER.matcher(l).matches()).toList();

    assertThat(promised).as("%s promises no diagnostic", example).isNotEmpty();
    assertThat(result.hasErrors()).as(result.render()).isEqualTo(promised.stream().anyMatch(l -> l.contains("error: ")));
    for (String line : promised) {
      if (UNPOSITIONED.matcher(line).matches()) {
        assertThat(headers).as(result.render()).anyMatch(h -> h.matches(Pattern.quote(SOURCE_NAME) + ":\\d+:\\d+: "
            + Pattern.quote(line)));
      } else {
        assertThat(rendered).as(result.render()).contains(line);
      }
    }
  }

  /** A diagnostic as printed, with its source line, caret and hint, and the summary line. */
  private static void assertRenderedFromItsFile(Block example) {
    String name = HEADER.matcher(example.lines().get(0)).results().findFirst().orElseThrow().group(1);
    Path file = RENDERED_FROM.get(name);
    assertThat(file).as("%s shows diagnostics of %s: add it to RENDERED_FROM", example, name).isNotNull();
    String rendered = Dsl.parse(List.of(file)).render().replace(file.toString(), name);

    List<String> shown = example.lines();
    String diagnostic = String.join("\n", shown.subList(0, shown.size() - 1)) + "\n";
    assertThat(rendered).contains(diagnostic).endsWith(shown.get(shown.size() - 1) + "\n");
  }

  private static Stream<Named<Block>> named(List<Path> docs, String language) throws IOException {
    List<Block> all = new ArrayList<>();
    for (Path doc : docs) {
      all.addAll(blocks(doc, language));
    }
    return all.stream().map(b -> Named.of(b.toString(), b));
  }

  private static List<Block> blocks(Path doc, String language) throws IOException {
    List<Block> blocks = new ArrayList<>();
    List<String> lines = Files.readAllLines(doc);
    StringBuilder current = null;
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (current == null && line.equals("```" + language)) {
        current = new StringBuilder();
        start = i + 2;
      } else if (current != null && line.equals("```")) {
        blocks.add(new Block(doc, start, current.toString()));
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }
}
