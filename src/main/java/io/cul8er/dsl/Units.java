package io.cul8er.dsl;

import io.cul8er.dsl.ast.Arg;
import io.cul8er.dsl.ast.Value;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Unit keywords and their normalisation. Memory units are binary: {@code gigabytes: 2} is 2 GiB
 * (2 x 1024^3 bytes), which is what people mean for a container limit; {@code gibibytes:} is an
 * exact synonym.
 */
final class Units {
  static final Map<String, Long> MEMORY = new LinkedHashMap<>();
  static final Map<String, Long> TIME_MILLIS = new LinkedHashMap<>();

  static {
    MEMORY.put("bytes", 1L);
    MEMORY.put("kilobytes", 1L << 10);
    MEMORY.put("megabytes", 1L << 20);
    MEMORY.put("gigabytes", 1L << 30);
    MEMORY.put("terabytes", 1L << 40);
    MEMORY.put("kibibytes", 1L << 10);
    MEMORY.put("mebibytes", 1L << 20);
    MEMORY.put("gibibytes", 1L << 30);
    MEMORY.put("tebibytes", 1L << 40);
    TIME_MILLIS.put("milliseconds", 1L);
    TIME_MILLIS.put("seconds", 1_000L);
    TIME_MILLIS.put("minutes", 60_000L);
    TIME_MILLIS.put("hours", 3_600_000L);
  }

  private Units() {}

  static String[] memoryKeys() {
    return MEMORY.keySet().toArray(String[]::new);
  }

  static String[] timeKeys() {
    return TIME_MILLIS.keySet().toArray(String[]::new);
  }

  /** Bytes of a checked {@code memory unit: n}; empty (with an error) when it overflows. */
  static Optional<Long> bytes(Checked c, Diagnostics diagnostics) {
    return scaled(c, MEMORY, diagnostics);
  }

  /** A checked {@code name unit: n}; empty (with an error) when it is negative or overflows. */
  static Optional<Duration> duration(Checked c, Diagnostics diagnostics) {
    Arg.Keyword kw = c.onlyKeyword();
    long amount = ((Value.Int) kw.value()).value();
    if (amount < 0) {
      diagnostics.error(kw.value().pos(), "`" + c.name() + " " + kw.key() + ": " + amount + "` is negative",
          "a duration is 0 or more");
      return Optional.empty();
    }
    return scaled(c, TIME_MILLIS, diagnostics).map(Duration::ofMillis);
  }

  private static Optional<Long> scaled(Checked c, Map<String, Long> factors, Diagnostics diagnostics) {
    Arg.Keyword kw = c.onlyKeyword();
    long amount = ((Value.Int) kw.value()).value();
    try {
      return Optional.of(Math.multiplyExact(amount, factors.get(kw.key())));
    } catch (ArithmeticException e) {
      diagnostics.error(kw.value().pos(), "`" + c.name() + " " + kw.key() + ": " + amount + "` is too large", null);
      return Optional.empty();
    }
  }

  /** Writes {@code millis} in the largest unit that divides it exactly: {@code seconds: 10}. */
  static String durationText(Duration d) {
    long millis = d.toMillis();
    return largest(millis, TIME_MILLIS, "milliseconds");
  }

  static String memoryText(long bytes) {
    Map<String, Long> printable = new LinkedHashMap<>();
    for (String unit : new String[] {"bytes", "kilobytes", "megabytes", "gigabytes", "terabytes"}) {
      printable.put(unit, MEMORY.get(unit));
    }
    return largest(bytes, printable, "bytes");
  }

  private static String largest(long amount, Map<String, Long> factors, String smallest) {
    String best = smallest;
    for (Map.Entry<String, Long> e : factors.entrySet()) {
      if (amount != 0 && amount % e.getValue() == 0) {
        best = e.getKey();
      }
    }
    return best + ": " + amount / factors.get(best);
  }
}
