package io.cul8er.dsl;

import io.cul8er.model.AgentBounds;
import java.time.Duration;

/**
 * {@code agent do interval seconds: 30; restarts 3; backoff minutes: 5; crash_loop_window minutes: 15;
 * reconcile :report end}: every setting optional, defaults in {@link AgentBounds}.
 */
final class AgentReader {
  private AgentReader() {}

  static AgentBounds read(Checked block, Diagnostics diagnostics) {
    Duration[] interval = {AgentBounds.DEFAULT_INTERVAL};
    Duration[] backoff = {AgentBounds.DEFAULT_BACKOFF};
    Duration[] window = {AgentBounds.DEFAULT_CRASH_LOOP_WINDOW};
    int[] restarts = {AgentBounds.DEFAULT_RESTARTS};
    AgentBounds.Reconcile[] reconcile = {AgentBounds.Reconcile.REPORT};
    Schemas.AGENT.read(block.body(), diagnostics, c -> {
      switch (c.name()) {
        case "interval" -> atLeastASecond(c, diagnostics, interval);
        case "backoff" -> atLeastASecond(c, diagnostics, backoff);
        case "crash_loop_window" -> atLeastASecond(c, diagnostics, window);
        case "restarts" -> {
          int count = c.integerArg(0);
          if (count < 0 || count > 100) {
            diagnostics.error(c.arg(0).pos(), "`restarts " + count + "` is out of range",
                "give a number from 0 (never restart) to 100");
          } else {
            restarts[0] = count;
          }
        }
        default -> Choices.RECONCILE.read(c.arg(0), diagnostics).ifPresent(r -> reconcile[0] = r);
      }
    });
    return new AgentBounds(interval[0], restarts[0], backoff[0], window[0], reconcile[0], block.pos());
  }

  private static void atLeastASecond(Checked c, Diagnostics diagnostics, Duration[] into) {
    Units.duration(c, diagnostics).ifPresent(d -> {
      if (d.compareTo(Duration.ofSeconds(1)) < 0) {
        diagnostics.error(c.pos(), "`" + c.name() + "` of " + d.toMillis() + " ms is shorter than a second",
            "give at least `seconds: 1`");
      } else {
        into[0] = d;
      }
    });
  }
}
