package io.cul8er.observe;

import static io.cul8er.observe.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TraceSpansTest {
  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final TraceSpans spans = new TraceSpans(SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(exported)).build().get("test"));

  private static Event.StepStarted started(int second, String host, String subject, String step, String kind,
      String version) {
    return new Event.StepStarted(at(second), "prod", host, subject, step, kind, version);
  }

  private static Event.StepFinished finished(int second, String host, String subject, String step, String detail) {
    return new Event.StepFinished(at(second), "prod", host, subject, step, Duration.ofSeconds(1), detail);
  }

  @Test
  void aRollingDeployIsARootSpanWithABatchSpanPerBatchAndAStepSpanPerStep() {
    List.of(
        new Event.DeployStarted(at(0), "prod", "rolling"),
        new Event.BatchStarted(at(1), "prod", 1, List.of("web-1", "web-2")),
        started(1, "local", "web-1", "drain web-1", "drain", ""),
        started(1, "web_2", "web-2", "stage 1.1.0 in web-2", "stage", "1.1.0"),
        finished(2, "local", "web-1", "drain web-1", "drained after 300 ms"),
        finished(3, "web_2", "web-2", "stage 1.1.0 in web-2", ""),
        new Event.InstanceDrained(at(2), "prod", "web-1", Duration.ofSeconds(1)),
        new Event.BatchStarted(at(4), "prod", 2, List.of("app")),
        started(4, "", "app", "shift 50% of app to the canaries", "shift_weight", ""),
        finished(6, "", "app", "shift 50% of app to the canaries", ""),
        new Event.DeployFinished(at(7), "prod", "succeeded", Duration.ofSeconds(7), "rolling")).forEach(spans);

    assertThat(tree()).isEqualTo("""
        deploy 0-7s OK {cul8er.outcome=succeeded, cul8er.strategy=rolling, cul8er.topology=prod}
          batch 1 1-4s OK {cul8er.batch=1, cul8er.instances=[web-1, web-2], cul8er.topology=prod}
            drain 1-2s OK {cul8er.detail=drained after 300 ms, cul8er.host=local, cul8er.instance=web-1, \
        cul8er.step=drain web-1, cul8er.step.kind=drain, cul8er.topology=prod}
            stage 1-3s OK {cul8er.host=web_2, cul8er.instance=web-2, cul8er.step=stage 1.1.0 in web-2, \
        cul8er.step.kind=stage, cul8er.topology=prod, cul8er.version=1.1.0}
          batch 2 4-7s OK {cul8er.batch=2, cul8er.instances=[app], cul8er.topology=prod}
            shift_weight 4-6s OK {cul8er.host=, cul8er.instance=app, cul8er.step=shift 50% of app to the canaries, \
        cul8er.step.kind=shift_weight, cul8er.topology=prod}
        """);
  }

  @Test
  void aFailedStepAndTheRolledBackDeployHaveErrorStatusAndTheRollbackIsItsOwnSpan() {
    List.of(
        new Event.DeployStarted(at(0), "prod", "canary"),
        new Event.BatchStarted(at(1), "prod", 1, List.of("web-1")),
        started(1, "local", "web-1", "check web-1", "await_healthy", ""),
        new Event.StepFailed(at(3), "prod", "local", "web-1", "check web-1", "web-1 is unhealthy: status 503"),
        new Event.RollbackStarted(at(3), "prod", "web-1 failed its health check: status 503"),
        started(4, "local", "web-1", "restore web-1 to 1.0.0", "restore", "1.0.0"),
        started(4, "local", "web-2", "drain web-2", "drain", ""),
        finished(5, "local", "web-1", "restore web-1 to 1.0.0", ""),
        new Event.RollbackFinished(at(6), "prod", List.of("web-1"), Duration.ofSeconds(3)),
        new Event.DeployFinished(at(6), "prod", "rolled_back", Duration.ofSeconds(6), "canary")).forEach(spans);

    assertThat(tree()).isEqualTo("""
        deploy 0-6s ERROR the deploy rolled back {cul8er.outcome=rolled_back, cul8er.strategy=canary, \
        cul8er.topology=prod}
          batch 1 1-3s OK {cul8er.batch=1, cul8er.instances=[web-1], cul8er.topology=prod}
            await_healthy 1-3s ERROR web-1 is unhealthy: status 503 {cul8er.host=local, cul8er.instance=web-1, \
        cul8er.step=check web-1, cul8er.step.kind=await_healthy, cul8er.topology=prod}
          rollback 3-6s OK {cul8er.reason=web-1 failed its health check: status 503, cul8er.restored=[web-1], \
        cul8er.topology=prod}
            restore 4-5s OK {cul8er.host=local, cul8er.instance=web-1, cul8er.step=restore web-1 to 1.0.0, \
        cul8er.step.kind=restore, cul8er.topology=prod, cul8er.version=1.0.0}
            drain 4-6s ERROR still running when the deploy ended {cul8er.host=local, cul8er.instance=web-2, \
        cul8er.step=drain web-2, cul8er.step.kind=drain, cul8er.topology=prod}
        """);
  }

  @Test
  void everySpanOfADeployIsInOneTraceAndEachDeployIsATraceOfItsOwn() {
    for (int deploy = 0; deploy < 2; deploy++) {
      spans.accept(new Event.DeployStarted(at(10 * deploy), "prod", "rolling"));
      spans.accept(new Event.BatchStarted(at(10 * deploy + 1), "prod", 1, List.of("web-1")));
      spans.accept(started(10 * deploy + 1, "local", "web-1", "drain web-1", "drain", ""));
      spans.accept(finished(10 * deploy + 2, "local", "web-1", "drain web-1", ""));
      spans.accept(new Event.DeployFinished(at(10 * deploy + 3), "prod", "succeeded", Duration.ofSeconds(3), "rolling"));
    }

    Map<String, List<String>> traces = exported.getFinishedSpanItems().stream().collect(Collectors.groupingBy(
        SpanData::getTraceId, Collectors.mapping(SpanData::getName, Collectors.toList())));
    assertThat(traces.values()).containsExactlyInAnyOrder(List.of("drain", "batch 1", "deploy"),
        List.of("drain", "batch 1", "deploy"));
  }

  /** The exported spans as an indented tree, children in start order, times in seconds from {@link Events#AT}. */
  private String tree() {
    List<SpanData> all = new ArrayList<>(exported.getFinishedSpanItems());
    all.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    StringBuilder text = new StringBuilder();
    all.stream().filter(s -> !s.getParentSpanContext().isValid()).forEach(root -> append(text, root, all, 0));
    return text.toString();
  }

  private static void append(StringBuilder text, SpanData span, List<SpanData> all, int depth) {
    String status = span.getStatus().getStatusCode() == io.opentelemetry.api.trace.StatusCode.ERROR
        ? "ERROR " + span.getStatus().getDescription() : "OK";
    String attributes = span.getAttributes().asMap().entrySet().stream()
        .sorted(Comparator.comparing(e -> e.getKey().getKey()))
        .map(e -> e.getKey().getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    text.append("  ".repeat(depth)).append(span.getName()).append(' ')
        .append(seconds(span.getStartEpochNanos())).append('-').append(seconds(span.getEndEpochNanos())).append("s ")
        .append(status).append(" {").append(attributes).append("}\n");
    all.stream().filter(child -> child.getParentSpanId().equals(span.getSpanId())
            && child.getTraceId().equals(span.getTraceId()))
        .forEach(child -> append(text, child, all, depth + 1));
  }

  private static long seconds(long epochNanos) {
    Instant at = Instant.ofEpochSecond(0, epochNanos);
    return TimeUnit.NANOSECONDS.toSeconds(Duration.between(Events.AT, at).toNanos());
  }
}
