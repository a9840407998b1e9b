package io.cul8er.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The undo steps that failed, as the report says them: each on its own ({@code step: reason}),
 * except those a lost host kept from being done, which are said once per host, with why it was
 * lost, so that the report names the host and lists what is left to undo there.
 */
final class UndoProblems {
  /** The steps left because of each lost host, and the reason given for it. */
  private record Lost(List<String> steps, String[] reason) {}

  private final List<Object> entries = new ArrayList<>();
  private final Map<String, Lost> byHost = new LinkedHashMap<>();

  synchronized void failed(String step, String reason) {
    entries.add(step + ": " + reason);
  }

  /**
   * {@code step} not done because {@code host} was lost ({@code why}); a reason that says the host
   * was given up is the one kept, as it says for how long it was tried.
   */
  synchronized void lost(String host, String step, String why) {
    Lost lost = byHost.get(host);
    if (lost == null) {
      lost = new Lost(new ArrayList<>(), new String[] {why});
      byHost.put(host, lost);
      entries.add(host);
    } else if (why.startsWith("Gave up") && !lost.reason()[0].startsWith("Gave up")) {
      lost.reason()[0] = why;
    }
    lost.steps().add(step);
  }

  synchronized boolean isEmpty() {
    return entries.isEmpty();
  }

  synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (Object entry : entries) {
      Lost lost = byHost.get(entry);
      lines.add(lost == null ? (String) entry
          : entry + " was lost, so " + (lost.steps().size() == 1 ? "this step is" : "these steps are")
              + " left undone: " + String.join(", ", lost.steps()) + " (" + lost.reason()[0] + ")");
    }
    return lines;
  }
}
