package io.cul8er.observe;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Passes spans on to {@code delegate}; its first failed export is one line to {@code warn}. */
final class WarningSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final String label;
  private final Consumer<String> warn;
  private final AtomicBoolean warned = new AtomicBoolean();

  WarningSpanExporter(SpanExporter delegate, String label, Consumer<String> warn) {
    this.delegate = delegate;
    this.label = label;
    this.warn = warn;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    CompletableResultCode result = delegate.export(spans);
    result.whenComplete(() -> {
      if (!result.isSuccess() && warned.compareAndSet(false, true)) {
        Throwable failure = result.getFailureThrowable();
        warn.accept(label + ": " + spans.size() + " span(s) not exported"
            + (failure == null ? "" : ": " + SinkWorker.describe(failure))
            + " (further failures are not shown; the deploy goes on)");
      }
    });
    return result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }
}
