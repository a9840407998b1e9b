package io.cul8er.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One attribute that differs: absent {@code before} means added, absent {@code after} removed.
 * Attribute keys are {@code type}, {@code image}, {@code profiles}, Incus config keys, and {@code
 * devices.NAME.PROPERTY}.
 */
public record AttributeChange(
    String key, Optional<String> before, Optional<String> after, boolean forcesReplacement) {

  /** Values under this key are shown as {@code (sensitive)}. */
  public boolean sensitive() {
    return ConfigKeys.isSensitive(key);
  }

  /** Every key whose value differs between two attribute views, in key order. */
  public static List<AttributeChange> between(
      Map<String, String> before, Map<String, String> after, Set<String> forcingKeys) {
    Set<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<AttributeChange> changes = new ArrayList<>();
    for (String key : keys) {
      Optional<String> was = Optional.ofNullable(before.get(key));
      Optional<String> will = Optional.ofNullable(after.get(key));
      if (!was.equals(will)) {
        changes.add(new AttributeChange(key, was, will, forcingKeys.contains(key)));
      }
    }
    return List.copyOf(changes);
  }
}
