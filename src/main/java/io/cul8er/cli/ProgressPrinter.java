package io.cul8er.cli;

import io.cul8er.engine.ApplyEvent;
import io.cul8er.engine.ApplyListener;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Shows apply progress. On a terminal, one line per instance, redrawn in place as steps run;
 * otherwise one plain line per event, for logs and CI.
 */
final class ProgressPrinter implements ApplyListener {
  private static final String READY = "ready at ";

  private final PrintWriter out;
  private final boolean live;
  private final Map<String, String> lines = new LinkedHashMap<>();
  private int drawn;

  ProgressPrinter(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  @Override
  public synchronized void on(ApplyEvent event) {
    String text = describe(event);
    if (live) {
      String key = event.host() + "/" + event.instance();
      boolean keepReady = event instanceof ApplyEvent.StepFinished && lines.getOrDefault(key, "").contains(READY);
      if (!keepReady) {
        lines.put(key, String.format("  %-28s %s", event.instance(), text));
      }
      redraw();
    } else {
      out.println("[" + event.host() + "] " + event.instance() + ": " + text);
    }
    out.flush();
  }

  static String describe(ApplyEvent event) {
    if (event instanceof ApplyEvent.StepStarted started) {
      return started.step() + "...";
    }
    if (event instanceof ApplyEvent.StepFinished finished) {
      return "done: " + finished.step() + " (" + seconds(finished.took().toMillis()) + ")";
    }
    if (event instanceof ApplyEvent.LockTakenOver taken) {
      return taken.note();
    }
    if (event instanceof ApplyEvent.InstanceReady ready) {
      return READY + ready.address();
    }
    if (event instanceof ApplyEvent.StepFailed failed) {
      return "FAILED: " + failed.step() + ": " + failed.reason();
    }
    if (event instanceof ApplyEvent.Progress progress) {
      return progress.message();
    }
    ApplyEvent.StepSkipped skipped = (ApplyEvent.StepSkipped) event;
    return "skipped: " + skipped.step() + " (" + skipped.why() + ")";
  }

  private void redraw() {
    if (drawn > 0) {
      out.print("\u001b[" + drawn + "A");
    }
    for (String line : lines.values()) {
      out.print("\u001b[2K" + line + "\n");
    }
    drawn = lines.size();
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
