package io.cul8er.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The same work as {@link ParseValidateBenchmark}, timed in CPU time of the measuring thread, which
 * other processes on a shared machine disturb far less than wall time. Run after JMH.
 */
public final class CpuTime {
  public static void main(String[] args) {
    ParseValidateBenchmark bench = new ParseValidateBenchmark();
    bench.generate();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 300; i++) {
      bench.parseAndValidate();
    }
    int runs = 300;
    long cpu = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      bench.parseAndValidate();
    }
    System.out.printf("parse+validate, 50 hosts / 1,000 resources: %.2f ms CPU/op, %.2f ms wall/op (%d runs after 300 warm-up)%n",
        (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / runs, (System.nanoTime() - wall) / 1e6 / runs, runs);
  }
}
