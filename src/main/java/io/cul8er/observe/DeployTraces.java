package io.cul8er.observe;

import io.cul8er.model.Loopback;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Exports a topology's deploys as OpenTelemetry traces ({@link TraceSpans}) over OTLP/HTTP
 * (protobuf, the JDK's HTTP client) to {@code <endpoint>/v1/traces}. Spans wait in a bounded batch
 * queue (more are dropped) and go out on the SDK's own thread, so exporting never holds up or fails
 * a deploy; the first failure is one warning line, later ones are not shown. {@link #close} gives
 * the queued spans a bounded time.
 */
public final class DeployTraces implements Consumer<Event> {
  /** The standard variable, used when the topology names no endpoint. */
  public static final String ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";
  /** Spans that may wait for export; more are dropped. */
  static final int QUEUE_CAPACITY = 2048;
  /** How long {@link #close} waits, at most, for the queued spans. */
  public static final Duration FLUSH = Duration.ofSeconds(2);
  /** The SDK reports export failures through java.util.logging; they are one warning line here instead. */
  private static final Logger SDK_LOG = Logger.getLogger("io.opentelemetry");

  private final SdkTracerProvider provider;
  private final TraceSpans spans;
  private final String label;
  private final Consumer<String> warn;

  private DeployTraces(SdkTracerProvider provider, String label, Consumer<String> warn) {
    this.provider = provider;
    this.spans = new TraceSpans(provider.get("io.cul8er"));
    this.label = label;
    this.warn = warn;
  }

  /**
   * The endpoint traces go to: the topology's {@code traces otlp:}, else {@value #ENDPOINT_VARIABLE};
   * none when neither is set, or (with a warning) when the variable is plain http to another machine.
   */
  public static Optional<String> endpoint(String fromTopology, Map<String, String> environment,
      Consumer<String> warn) {
    if (!fromTopology.isEmpty()) {
      return Optional.of(fromTopology);
    }
    String variable = environment.getOrDefault(ENDPOINT_VARIABLE, "").strip();
    if (variable.isEmpty()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(variable);
    } catch (java.net.URISyntaxException e) {
      warn.accept("traces: " + ENDPOINT_VARIABLE + "=" + variable + " is not a URL (" + e.getReason()
          + "), so no traces are exported");
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (uri.getHost() == null || !scheme.equals("https") && !(scheme.equals("http") && Loopback.is(uri.getHost()))) {
      warn.accept("traces: " + ENDPOINT_VARIABLE + "=" + variable + " is not https:// (nor http:// to 127.0.0.1, ::1"
          + " or localhost), which would send the traces in clear over the network, so none are exported");
      return Optional.empty();
    }
    return Optional.of(variable);
  }

  /** Starts exporting to {@code endpoint} (an OTLP/HTTP base URL); {@code warn} is told of the first failure. */
  public static DeployTraces start(String endpoint, Consumer<String> warn) {
    SDK_LOG.setLevel(Level.OFF);
    String traces = endpoint.replaceAll("/+$", "") + "/v1/traces";
    // no retries: a batch that fails is dropped, so that a collector that is down costs one try
    SpanExporter exporter = new WarningSpanExporter(OtlpHttpSpanExporter.builder().setEndpoint(traces)
        .setTimeout(Duration.ofSeconds(5)).setConnectTimeout(Duration.ofSeconds(3)).setRetryPolicy(null).build(),
        "traces to " + traces, warn);
    Resource resource = Resource.getDefault()
        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "cul8er")));
    return new DeployTraces(SdkTracerProvider.builder().setResource(resource)
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxQueueSize(QUEUE_CAPACITY)
            .setScheduleDelay(Duration.ofMillis(500)).build())
        .build(), "traces to " + traces, warn);
  }

  /** Turns the event into spans; never blocks on the export. */
  @Override
  public void accept(Event event) {
    spans.accept(event);
  }

  /** Exports what is queued, waiting at most {@code flush}, then stops; what is left is dropped. */
  public void close(Duration flush) {
    if (!provider.shutdown().join(flush.toMillis(), TimeUnit.MILLISECONDS).isDone()) {
      warn.accept(label + ": the last spans were not exported within " + flush.toSeconds() + " s, so they are dropped");
    }
  }
}
