package io.cul8er.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Tag;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The value of every kept metric at one moment, as plain data. */
public record MetricsSnapshot(List<Metric> metrics) {

  public MetricsSnapshot {
    metrics = List.copyOf(metrics);
  }

  /**
   * One meter: its DSL name ({@code deployment_duration}), its kind ({@code timer}, {@code
   * counter}, {@code gauge}), its base unit ({@code seconds}, {@code bytes}, or empty), its tags,
   * and its values by statistic ({@code count}, {@code total_time}, {@code max}, {@code value},
   * {@code total}); times in seconds.
   */
  public record Metric(String name, String kind, String unit, Map<String, String> tags, Map<String, Double> values) {
    public Metric {
      tags = Collections.unmodifiableMap(new TreeMap<>(tags));
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  static MetricsSnapshot of(Collection<Meter> meters) {
    return new MetricsSnapshot(meters.stream()
        .map(MetricsSnapshot::metric)
        .sorted(Comparator.comparing(Metric::name).thenComparing(m -> m.tags().toString()))
        .toList());
  }

  private static Metric metric(Meter meter) {
    Map<String, String> tags = new TreeMap<>();
    for (Tag tag : meter.getId().getTags()) {
      tags.put(tag.getKey(), tag.getValue());
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (Measurement m : meter.measure()) {
      values.put(m.getStatistic().getTagValueRepresentation(), m.getValue());
    }
    String unit = meter.getId().getBaseUnit();
    return new Metric(Metrics.dslName(meter.getId()), meter.getId().getType().name().toLowerCase(Locale.ROOT),
        unit == null ? "" : unit, tags, values);
  }
}
