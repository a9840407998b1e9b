package io.cul8er.cli;

import io.cul8er.engine.ApplyEvent;
import io.cul8er.engine.ApplyListener;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Shows apply progress, each instance named with its host ({@code [host] instance}). On a terminal,
 * one line per instance, redrawn in place as steps run; otherwise one plain line per event, for logs
 * and CI.
 */
final class ProgressPrinter implements ApplyListener {
  private static final String READY = "ready at ";

  private final PrintWriter out;
  private final boolean live;
  private final Map<String, Line> lines = new LinkedHashMap<>();
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
      Line shown = lines.get(key);
      boolean keepReady = event instanceof ApplyEvent.StepFinished && shown != null && shown.text().startsWith(READY);
      if (!keepReady) {
        lines.put(key, new Line(label(event), text));
      }
      redraw();
    } else {
      out.println(label(event) + ": " + text);
    }
    out.flush();
  }

  /** One instance's line in the live view: where, what, and its latest news. */
  private record Line(String label, String text) {}

  private static String label(ApplyEvent event) {
    return "[" + event.host() + "] " + event.instance();
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
    int width = lines.values().stream().mapToInt(line -> line.label().length()).max().orElse(0);
    for (Line line : lines.values()) {
      out.print("\u001b[2K  " + line.label() + " ".repeat(width - line.label().length() + 2) + line.text() + "\n");
    }
    drawn = lines.size();
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
