package io.cul8er.web;

import io.cul8er.observe.EdgeTraffic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request and error rates per instance, from successive readings of the edges' counters: the
 * responses (and the errors: 5xx answers, failed connections, broken responses) an instance
 * gained since the last reading, summed over every edge and port, per second. A counter that went
 * down (the edge reloaded) counts from zero, as Prometheus's {@code rate()} does. Keeps the last
 * {@link #POINTS} rates of each instance. Not thread-safe.
 */
final class TrafficRates {
  static final int POINTS = 60;

  /** One rate, over the time from the reading before to {@code at}. */
  record Point(Instant at, double requestsPerSecond, double errorsPerSecond) {}

  record Series(String instance, List<Point> points) {
    Series {
      points = List.copyOf(points);
    }
  }

  private record Totals(long requests, long errors) {}

  private Instant lastAt;
  private Map<String, Totals> last = Map.of();
  private final Map<String, Deque<Point>> series = new TreeMap<>();

  void add(Instant at, List<EdgeTraffic> traffic) {
    Map<String, Totals> now = totals(traffic);
    if (lastAt != null && at.isAfter(lastAt)) {
      double seconds = Duration.between(lastAt, at).toMillis() / 1000.0;
      now.forEach((instance, totals) -> {
        Totals before = last.get(instance);
        if (before != null) {
          Deque<Point> points = series.computeIfAbsent(instance, i -> new ArrayDeque<>());
          points.addLast(new Point(at, increase(before.requests(), totals.requests()) / seconds,
              increase(before.errors(), totals.errors()) / seconds));
          while (points.size() > POINTS) {
            points.removeFirst();
          }
        }
      });
    }
    series.keySet().retainAll(now.keySet());
    lastAt = at;
    last = now;
  }

  /** Each instance's rates, by instance name, oldest first. */
  List<Series> series() {
    List<Series> all = new ArrayList<>();
    series.forEach((instance, points) -> all.add(new Series(instance, List.copyOf(points))));
    return all;
  }

  private static double increase(long before, long now) {
    return now >= before ? now - before : now;
  }

  private static Map<String, Totals> totals(List<EdgeTraffic> traffic) {
    Map<String, Totals> totals = new TreeMap<>();
    for (EdgeTraffic t : traffic) {
      long requests = t.responses2xx() + t.responses4xx() + t.responses5xx() + t.otherResponses();
      long errors = t.responses5xx() + t.connectionErrors() + t.responseErrors();
      totals.merge(t.instance(), new Totals(requests, errors),
          (a, b) -> new Totals(a.requests() + b.requests(), a.errors() + b.errors()));
    }
    return totals;
  }
}
