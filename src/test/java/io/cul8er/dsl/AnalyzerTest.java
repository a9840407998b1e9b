package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Connection;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = AnalyzerTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * analyzer-errors.cul8 holds one mistake of each kind the analyzer reports (unknown settings and
   * options with suggestions, repeated settings, missing arguments, bad secrets, literal
   * passwords, unsupported settings...); the expected file lists every message and hint in order.
   */
  @Test
  void everyAnalyzerErrorIsReportedWithItsHint() throws IOException {
    ParseResult result = Dsl.parse("a.cul8", resource("/dsl/analyzer-errors.cul8"));
    String actual = result.diagnostics().stream()
        .sorted(java.util.Comparator.comparingInt((Diagnostic d) -> d.pos().line()).thenComparingInt(d -> d.pos().column()))
        .map(d -> d.pos().line() + ":" + d.pos().column() + ": " + d.severity().label() + ": " + d.message()
            + d.hint().map(h -> "\n  hint: " + h).orElse(""))
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(actual).isEqualTo(resource("/dsl/analyzer-errors.expected"));
  }

  @Test
  void connectionsOfHosts() {
    ParseResult result = Dsl.parse("c.cul8", """
        topology :t do
          host :a do
            address "localhost"
            platform :debian
            socket "/run/incus.sock"
          end
          host :b do
            address "10.0.0.1"
            platform :debian
            https token: [from: :system, key: "TOKEN"]
          end
          host :c do
            address "10.0.0.2"
            platform :debian
            ssh
          end
        end
        """);
    assertThat(result.diagnostics()).isEmpty();
    Topology t = result.topology("t").orElseThrow();
    assertThat(t.host("a").orElseThrow().connection()).isEqualTo(new Connection.LocalSocket("/run/incus.sock", SourcePos.NONE));
    assertThat(t.host("b").orElseThrow().connection())
        .isEqualTo(new Connection.Https(8443, Optional.of(new SecretRef.FromEnv("TOKEN", SourcePos.NONE)), SourcePos.NONE));
    assertThat(t.host("c").orElseThrow().connection())
        .isEqualTo(new Connection.Ssh(Optional.empty(), Optional.empty(), Optional.empty(), Connection.DEFAULT_SOCKET, SourcePos.NONE));
  }

  @Test
  void secretListsAreChecked() {
    ParseResult result = Dsl.parse("s.cul8", """
        state backend: :postgres, url: "u", password: [from: :system, kee: "X", from: :file, path: 1]
        state backend: :postgres, url: "u", password: []
        """);
    assertThat(result.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "unknown option `kee:` in `state password:`",
        "`from:` is given twice in `state password:`",
        "`path:` of `state password:` expects a string, got an integer",
        "`state` is set twice in `file`");
    assertThat(result.diagnostics().get(0).hint()).contains("did you mean `key:`?");
  }

  @Test
  void memoryUnitsAreBinaryAndOverflowIsAnError() {
    ParseResult result = Dsl.parse("m.cul8", """
        topology :t do
          host :h do
            address "localhost"
            platform :debian
          end
          resource :r, on: :h do
            from_image "i"
            limits do
              memory terabytes: 9000000000
            end
          end
          resource :s, on: :h do
            from_image "i"
            limits do
              memory gibibytes: 3
            end
          end
        end
        """);
    assertThat(result.diagnostics()).extracting(Diagnostic::message)
        .containsExactly("`memory terabytes: 9000000000` is too large");
    assertThat(result.topology("t").orElseThrow().resource("s").orElseThrow().limits().memoryBytes())
        .contains(3L * 1024 * 1024 * 1024);
  }

  @Test
  void canaryEvidenceIsReadWithItsDefaults() {
    String strategy = "topology :t do\n  strategy do\n    approach :canary\n    canary do\n%s    end\n  end\nend\n";

    io.cul8er.model.Canary given = Dsl.parse("e.cul8", strategy.formatted(
        "      pause seconds: 20\n      min_requests 40\n      max_wait minutes: 3\n")).topologies().get(0)
        .strategy().canary();
    io.cul8er.model.Canary left = Dsl.parse("e.cul8", strategy.formatted("      pause seconds: 20\n"))
        .topologies().get(0).strategy().canary();

    assertThat(given.minRequests()).isEqualTo(40);
    assertThat(given.maxWait()).contains(java.time.Duration.ofMinutes(3));
    assertThat(given.evidenceWait()).isEqualTo(java.time.Duration.ofMinutes(3));
    assertThat(left.minRequests()).isEqualTo(100);
    assertThat(left.maxWait()).isEmpty();
    assertThat(left.evidenceWait()).isEqualTo(java.time.Duration.ofSeconds(100));
  }

  @Test
  void aNegativeCanaryMaxWaitIsRefusedWhereItIsWritten() {
    ParseResult result = Dsl.parse("e.cul8",
        "topology :t do\n  strategy do\n    canary do\n      max_wait seconds: -1\n    end\n  end\nend\n");

    assertThat(result.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR)
        .extracting(d -> d.pos().line() + ":" + d.pos().column() + " " + d.message() + " | " + d.hint().orElse(""))
        .containsExactly("4:25 `max_wait seconds: -1` is negative | a duration is 0 or more");
    assertThat(result.topologies().get(0).strategy().canary().maxWait()).isEmpty();
  }
}
