package io.cul8er.incus.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Immutable copies that read Incus's {@code null} (its empty map or list) as empty. */
final class Copies {
  private Copies() {}

  static <V> Map<String, V> map(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
  }

  static Map<String, Map<String, String>> devices(Map<String, Map<String, String>> devices) {
    if (devices == null) {
      return Map.of();
    }
    TreeMap<String, Map<String, String>> copy = new TreeMap<>();
    devices.forEach((name, device) -> copy.put(name, map(device)));
    return Collections.unmodifiableMap(copy);
  }

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
