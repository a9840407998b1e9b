package io.cul8er.agent;

import io.cul8er.model.AgentBounds;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * bench/agent/heap.sh: 24 hours of passes 10 s apart (8,640 passes) of the
 * decider and the agent's memory over 30 instances that fail, recover, crash-loop and drift at
 * random (seeded), with cluster membership changing; prints the heap used after a full GC every
 * 1,440 passes (4 simulated hours) and the size of what the agent remembers. Not a test.
 */
public final class AgentMemoryBench {
  private AgentMemoryBench() {}

  public static void main(String[] args) {
    int instances = 30;
    int passes = 8640;
    Random random = new Random(14);
    AgentBounds bounds = AgentBounds.DEFAULT.withInterval(Duration.ofSeconds(10));
    Instant now = Instant.parse("2026-12-07T00:00:00Z");
    Memory memory = Memory.starting(Map.of(), Map.of("app", names(instances, 10)));
    boolean[] failing = new boolean[instances];
    long actions = 0;
    MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
    System.out.println("pass  simulated  heap_used_after_gc_KiB  remembered_instances  remembered_restarts  drift");
    for (int pass = 0; pass <= passes; pass++) {
      List<Fleet.Instance> seen = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        if (random.nextInt(100) < 2) {
          failing[i] = !failing[i] || random.nextInt(10) == 0;
        }
        String name = "web-" + i;
        seen.add(failing[i]
            ? new Fleet.Instance(name, "web", "local", Fleet.Condition.FAILING, Optional.of("GET /health: answered 503"))
            : Fleet.Instance.healthy(name, "web", "local"));
      }
      List<String> members = names(instances, 10).stream().filter(n -> random.nextInt(50) != 0).toList();
      List<Fleet.Drift> drift = random.nextInt(20) == 0
          ? List.of(new Fleet.Drift("web-" + random.nextInt(instances), "changed outside C U L8er: limits.cpu " + pass))
          : List.of();
      Decider.Decision decision = Decider.decide(bounds, Duration.ofSeconds(10),
          new Fleet(seen, List.of(), Map.of("app", members), drift), memory, now);
      actions += decision.actions().size();
      memory = decision.next();
      if (pass % 1440 == 0) {
        System.gc();
        long used = heap.getHeapMemoryUsage().getUsed();
        long restarts = memory.instances().values().stream().mapToLong(m -> m.restarts().size()).sum();
        System.out.printf("%5d  %5.1f h  %10d  %5d  %5d  %3d%n", pass, pass * 10 / 3600.0, used / 1024,
            memory.instances().size(), restarts, memory.reportedDrift().size());
      }
      now = now.plus(bounds.interval());
    }
    System.out.println("actions decided: " + actions);
  }

  private static List<String> names(int instances, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < Math.min(instances, count); i++) {
      names.add("web-" + i);
    }
    return names;
  }
}
