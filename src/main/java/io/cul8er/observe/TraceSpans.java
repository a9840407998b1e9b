package io.cul8er.observe;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a deploy's events into OpenTelemetry spans: {@code deploy_started} opens the root span
 * ({@code deploy}), each {@code batch_started} a {@code batch N} span under it (ended by the next
 * batch, a rollback or the end of the deploy), {@code rollback_started} a {@code rollback} span, and
 * each {@code step_started} a span named after the step's kind under the innermost of those, ended by
 * its {@code step_finished} or {@code step_failed} (error status, the reason as its description).
 * Every span starts and ends at its events' instants, so its timing is the deploy's own. A deploy
 * that does not succeed ends its root span with error status. Thread-safe.
 */
public final class TraceSpans implements Consumer<Event> {
  static final AttributeKey<String> TOPOLOGY = AttributeKey.stringKey("cul8er.topology");
  static final AttributeKey<String> STRATEGY = AttributeKey.stringKey("cul8er.strategy");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("cul8er.outcome");
  static final AttributeKey<Long> BATCH = AttributeKey.longKey("cul8er.batch");
  static final AttributeKey<List<String>> INSTANCES = AttributeKey.stringArrayKey("cul8er.instances");
  static final AttributeKey<String> HOST = AttributeKey.stringKey("cul8er.host");
  static final AttributeKey<String> INSTANCE = AttributeKey.stringKey("cul8er.instance");
  static final AttributeKey<String> STEP = AttributeKey.stringKey("cul8er.step");
  static final AttributeKey<String> STEP_KIND = AttributeKey.stringKey("cul8er.step.kind");
  static final AttributeKey<String> VERSION = AttributeKey.stringKey("cul8er.version");
  static final AttributeKey<String> DETAIL = AttributeKey.stringKey("cul8er.detail");
  static final AttributeKey<String> REASON = AttributeKey.stringKey("cul8er.reason");
  static final AttributeKey<List<String>> RESTORED = AttributeKey.stringArrayKey("cul8er.restored");

  private final Tracer tracer;
  private final Map<String, Span> steps = new LinkedHashMap<>();
  private Span deploy;
  private Span batch;
  private Span rollback;

  public TraceSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public synchronized void accept(Event event) {
    if (event instanceof Event.DeployStarted e) {
      deploy = tracer.spanBuilder("deploy").setNoParent().setStartTimestamp(e.at())
          .setAttribute(TOPOLOGY, e.topology()).setAttribute(STRATEGY, e.strategy()).startSpan();
    } else if (event instanceof Event.BatchStarted e) {
      end(batch, e.at());
      batch = child("batch " + e.batch(), e.at()).setAttribute(TOPOLOGY, e.topology())
          .setAttribute(BATCH, (long) e.batch()).setAttribute(INSTANCES, e.instances()).startSpan();
    } else if (event instanceof Event.StepStarted e) {
      SpanBuilder step = tracer.spanBuilder(e.kind() == null || e.kind().isEmpty() ? "step" : e.kind())
          .setParent(parent(rollback != null ? rollback : batch != null ? batch : deploy))
          .setStartTimestamp(e.at()).setAttribute(TOPOLOGY, e.topology()).setAttribute(HOST, e.host())
          .setAttribute(INSTANCE, e.subject()).setAttribute(STEP, e.step()).setAttribute(STEP_KIND, e.kind());
      if (e.version() != null && !e.version().isEmpty()) {
        step.setAttribute(VERSION, e.version());
      }
      steps.put(key(e.host(), e.subject(), e.step()), step.startSpan());
    } else if (event instanceof Event.StepFinished e) {
      Span step = steps.remove(key(e.host(), e.subject(), e.step()));
      if (step != null && e.detail() != null && !e.detail().isEmpty()) {
        step.setAttribute(DETAIL, e.detail());
      }
      end(step, e.at());
    } else if (event instanceof Event.StepFailed e) {
      fail(steps.remove(key(e.host(), e.subject(), e.step())), e.reason(), e.at());
    } else if (event instanceof Event.RollbackStarted e) {
      end(batch, e.at());
      batch = null;
      rollback = child("rollback", e.at()).setAttribute(TOPOLOGY, e.topology()).setAttribute(REASON, e.reason())
          .startSpan();
    } else if (event instanceof Event.RollbackFinished e) {
      if (rollback != null) {
        rollback.setAttribute(RESTORED, e.restored());
      }
      end(rollback, e.at());
      rollback = null;
    } else if (event instanceof Event.DeployFinished e) {
      finish(e);
    }
  }

  private void finish(Event.DeployFinished e) {
    steps.values().forEach(step -> fail(step, "still running when the deploy ended", e.at()));
    steps.clear();
    end(batch, e.at());
    end(rollback, e.at());
    batch = null;
    rollback = null;
    if (deploy != null) {
      deploy.setAttribute(OUTCOME, e.outcome());
      if (!"succeeded".equals(e.outcome())) {
        deploy.setStatus(StatusCode.ERROR, "the deploy " + e.outcome().replace('_', ' '));
      }
      deploy.end(e.at());
      deploy = null;
    }
  }

  private SpanBuilder child(String name, Instant at) {
    return tracer.spanBuilder(name).setParent(parent(deploy)).setStartTimestamp(at);
  }

  /** Under {@code span}, or a trace of its own when no deploy is open. */
  private static Context parent(Span span) {
    return span == null ? Context.root() : Context.root().with(span);
  }

  private static void fail(Span span, String reason, Instant at) {
    if (span != null) {
      span.setStatus(StatusCode.ERROR, reason);
      span.end(at);
    }
  }

  private static void end(Span span, Instant at) {
    if (span != null) {
      span.end(at);
    }
  }

  private static String key(String host, String subject, String step) {
    return host + "\u0000" + subject + "\u0000" + step;
  }
}
