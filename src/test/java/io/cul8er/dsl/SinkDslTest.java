package io.cul8er.dsl;

import static io.cul8er.dsl.ValidatorTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Observability;
import io.cul8er.model.SecretRef;
import io.cul8er.model.Sink;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkDslTest {
  private static String topology(String observability) {
    return "topology :t do\n  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  observability do\n" + observability + "  end\nend\n";
  }

  private static Observability read(String observability) {
    ParseResult parsed = Dsl.parse("s.cul8", topology(observability));
    assertThat(parsed.diagnostics()).isEmpty();
    return parsed.topologies().get(0).observability();
  }

  @Test
  void sinksAndTheEventLogLimitsAreRead() {
    Observability o = read("""
            events [:deploy_started, :deploy_finished, :rollback_started]
            sink :webhook, url: "https://hooks.example.com/deploys", secret: [from: :system, key: "HOOK_SECRET"], events: [:deploy_finished]
            sink :command, run: ["/usr/local/bin/notify", "--quiet"]
            event_log max_mebibytes: 50, keep: 3
        """);

    assertThat(o.sinks()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("pos", "secret.pos").containsExactly(
        new Sink.Webhook("https://hooks.example.com/deploys", new SecretRef.FromEnv("HOOK_SECRET", SourcePos.NONE),
            List.of("deploy_finished"), SourcePos.NONE),
        new Sink.Command(List.of("/usr/local/bin/notify", "--quiet"),
            List.of("deploy_started", "deploy_finished", "rollback_started"), SourcePos.NONE));
    assertThat(o.eventLog()).isEqualTo(new Observability.EventLogLimits(50L << 20, 3));
  }

  @Test
  void withoutSinksNothingIsSentAndTheLogRotatesAtTenMebibytes() {
    Observability o = read("    metrics [:rollbacks]\n");
    assertThat(o.sinks()).isEmpty();
    assertThat(o.eventLog()).isEqualTo(new Observability.EventLogLimits(10L << 20, 5));
  }

  @Test
  void printedSinksReadBackTheSame() {
    Topology parsed = Dsl.parse("s.cul8", topology("""
            sink :webhook, url: "http://127.0.0.1:8214/hook", secret: [from: :file, path: "/etc/hook.key"], events: [:deploy_finished]
            sink :command, run: ["notify"], events: [:rollback_started]
            event_log max_mebibytes: 1, keep: 2
            traces otlp: "http://127.0.0.1:4318"
        """)).topologies().get(0);
    Topology reread = Dsl.parse("p.cul8", DslPrinter.print(parsed)).topologies().get(0);

    assertThat(reread.observability()).usingRecursiveComparison().ignoringFieldsMatchingRegexes(".*pos")
        .isEqualTo(parsed.observability());
  }

  @Test
  void mistakesArePositionedWithSuggestions() {
    assertThat(problems(topology("""
            sink :webhok, url: "https://h.example.com/x", secret: [from: :system, key: "K"]
            sink :webhook, url: "https://h.example.com/x", secret: [from: :system, key: "K"], events: [:deploy_finshed]
            sink :webhook, url: "http://hooks.example.com/x", secret: [from: :system, key: "K"]
            sink :webhook, url: "ftp://h.example.com/x", secret: [from: :system, key: "K"]
            sink :webhook, url: "https://h.example.com/x"
            sink :webhook, url: "https://h.example.com/x", secret: [from: :system, key: "K"], run: ["x"]
            sink :command, run: []
            event_log keep: 0
        """))).containsExactly(
        "7:10 error: unknown sink `:webhok` | did you mean `:webhook`?",
        "8:96 error: unknown event `:deploy_finshed` | did you mean `:deploy_finished`?",
        "9:25 error: the webhook URL `http://hooks.example.com/x` is plain http to hooks.example.com, which would send"
            + " the events in clear over the network | use `https://`, or an http:// URL on 127.0.0.1, ::1 or localhost",
        "10:25 error: the webhook URL `ftp://h.example.com/x` is not an http(s) URL with a host"
            + " | write it as `https://hooks.example.com/deploys`",
        "11:5 error: `sink :webhook` needs `secret:` | write `sink :webhook, url: \"https://hooks.example.com/deploys\","
            + " secret: [from: :system, key: \"HOOK_SECRET\"]`",
        "12:92 error: `sink :webhook` takes no `run:` | a webhook is `url:` and `secret:`",
        "13:25 error: `sink :command` needs `run:` with a program | write `sink :command, run: [\"/usr/local/bin/notify\","
            + " \"--quiet\"]`; use [\"sh\", \"-c\", \"...\"] for a shell",
        "14:21 error: `event_log keep: 0` is out of range | give a number from 1 to 1000000");
  }

  @Test
  void plainHttpToALoopbackAddressIsAccepted() {
    assertThat(read("""
            sink :webhook, url: "http://127.0.0.1:8214/hook", secret: [from: :system, key: "K"]
            sink :webhook, url: "http://[::1]:8214/hook", secret: [from: :system, key: "K"]
            sink :webhook, url: "http://localhost/hook", secret: [from: :system, key: "K"]
        """).sinks()).hasSize(3);
  }

  @Test
  void tracesNameAnOtlpEndpointThatIsHttpsOrOnLoopback() {
    assertThat(read("    traces otlp: \"http://127.0.0.1:4318\"\n").traces()).isEqualTo("http://127.0.0.1:4318");
    assertThat(read("    metrics [:rollbacks]\n").traces()).isEmpty();
    assertThat(problems(topology("""
            traces otlp: "http://otel.example.com:4318"
        """))).containsExactly(
        "7:18 error: the OTLP endpoint `http://otel.example.com:4318` is plain http to otel.example.com, which would"
            + " send the events in clear over the network | use `https://`, or an http:// URL on 127.0.0.1, ::1 or"
            + " localhost");
    assertThat(problems(topology("    traces endpoint: \"https://otel.example.com\"\n"))).containsExactly(
        "7:12 error: unknown option `endpoint:` for `traces` | `traces` accepts otlp:");
  }
}
