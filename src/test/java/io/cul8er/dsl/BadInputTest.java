package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives positioned diagnostics, never an exception. */
class BadInputTest {
  @TempDir Path dir;

  @Test
  void binaryFileWithNulByte() {
    ParseResult result = Dsl.parse("bin.cul8", "topology :a do\n  ab\0cd\nend\n");
    assertThat(result.render())
        .isEqualTo(
            """
            bin.cul8:2:5: error: not a text file: it contains a NUL byte
              ab\uFFFDcd
                ^
              hint: topology files are UTF-8 text
            1 error, 0 warnings
            """);
  }

  @Test
  void invalidUtf8IsOneDiagnostic() throws IOException {
    Path file = dir.resolve("bad.cul8");
    Files.write(file, new byte[] {'a', '\n', 'x', 'y', (byte) 0xC3, (byte) 0x28, 'z'});
    ParseResult result = Dsl.parse(List.of(file));
    assertThat(result.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("not a text file: invalid UTF-8 at byte 4");
      assertThat(d.pos().line()).isEqualTo(2);
      assertThat(d.pos().column()).isEqualTo(3);
    });
  }

  @Test
  void hugeFileIsRefusedBeforeReading() throws IOException {
    Path file = dir.resolve("huge.cul8");
    Files.write(file, new byte[Dsl.MAX_FILE_BYTES + 1]);
    ParseResult result = Dsl.parse(List.of(file));
    assertThat(result.diagnostics()).extracting(Diagnostic::message)
        .containsExactly("file is 1048577 bytes, more than the limit of 1048576 bytes (1 MiB)");
    assertThat(Dsl.parse("huge.cul8", "#".repeat(Dsl.MAX_FILE_BYTES + 1)).diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("file is 1048577 bytes, more than the limit of 1048576 bytes (1 MiB)");
  }

  @Test
  void missingFileIsADiagnostic() {
    ParseResult result = Dsl.parse(List.of(dir.resolve("nope.cul8")));
    assertThat(result.diagnostics()).singleElement()
        .satisfies(d -> assertThat(d.message()).startsWith("cannot read " + dir.resolve("nope.cul8")));
  }

  @Test
  void deepNestingIsRefusedWithoutOverflow() {
    String text = "topology :t do\n" + "strategy do\n".repeat(10_000) + "end\n".repeat(10_001);
    ParseResult result = Dsl.parse("deep.cul8", text);
    assertThat(result.diagnostics()).extracting(Diagnostic::message).contains("nesting is deeper than 64 levels");
    String lists = "topology :t do\n observability do\n metrics " + "[".repeat(500_000) + "\nend\nend\n";
    assertThat(Dsl.parse("deep.cul8", lists).diagnostics()).extracting(Diagnostic::message)
        .contains("nesting is deeper than 64 levels");
  }

  @Test
  void unterminatedString() {
    ParseResult result = Dsl.parse("s.cul8", "topology :t do\n  host :h do\n    address \"10.0.0.1\n  end\nend\n");
    assertThat(result.render()).isEqualTo(
        """
        s.cul8:1:13: error: unterminated block: the `do` of `topology` has no matching `end`
        topology :t do
                    ^
          hint: add `end` after the last statement of `topology`
        s.cul8:2:3: error: host `h` has no platform
          host :h do
          ^
          hint: add `platform :debian`
        s.cul8:2:11: error: unterminated block: the `do` of `host` has no matching `end`
          host :h do
                  ^
          hint: add `end` after the last statement of `host`
        s.cul8:3:13: error: unterminated string: no closing `"`
            address "10.0.0.1
                    ^
          hint: close it with `"`
        4 errors, 0 warnings
        """);
  }

  @Test
  void unterminatedBlock() {
    ParseResult result = Dsl.parse("b.cul8", "topology :t do\n  host :h do\n    address \"x\"\n    platform :debian\n  end\n");
    assertThat(result.render())
        .isEqualTo(
            """
            b.cul8:1:13: error: unterminated block: the `do` of `topology` has no matching `end`
            topology :t do
                        ^
              hint: add `end` after the last statement of `topology`
            1 error, 0 warnings
            """);
  }

  @Test
  void garbageGivesBoundedDiagnostics() {
    Random random = new Random(42);
    StringBuilder garbage = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      garbage.append((char) (1 + random.nextInt(0x2FF)));
    }
    ParseResult result = Dsl.parse("garbage.cul8", garbage.toString());
    assertThat(result.hasErrors()).isTrue();
    assertThat(result.diagnostics()).hasSizeLessThanOrEqualTo(Diagnostics.LIMIT + 1);
    assertThat(result.diagnostics().get(result.diagnostics().size() - 1).message())
        .isEqualTo("too many problems: stopped reporting after 200");
  }

  @Test
  void elixirCallsAfterTheModuleAreRejectedClearly() {
    ParseResult result = Dsl.parse("x.cul8", "MyApp.deploy(:production)\n");
    assertThat(result.diagnostics()).extracting(Diagnostic::message)
        .containsExactly("expected a setting name, found `MyApp.deploy`");
    assertThat(result.diagnostics().get(0).hint()).contains("Elixir calls such as `MyApp.deploy(...)` are not"
        + " part of a topology file; run the cul8er command line instead");
  }
}
