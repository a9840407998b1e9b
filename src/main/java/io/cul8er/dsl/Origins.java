package io.cul8er.dsl;

import io.cul8er.model.Positioned;
import io.cul8er.model.SourcePos;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the analyzer knows about model elements beyond the model: where each of their settings was
 * written (so the validator's caret points at {@code platform :icusos}, not at {@code host}),
 * which settings were attempted but refused, and which elements are broken (their header had
 * errors, so their name is not trustworthy and references to them must not cascade). Keyed by
 * identity, since model records compare equal whatever their position. A topology built in Java
 * has no origins: every lookup falls back to the element's own position.
 */
final class Origins {
  private final Map<Object, Map<String, SourcePos>> settings = new IdentityHashMap<>();
  private final Set<Object> broken = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<IdentityKey> attempted = new HashSet<>();

  void record(Object element, String setting, SourcePos pos) {
    settings.computeIfAbsent(element, e -> new HashMap<>()).putIfAbsent(setting, pos);
  }

  /** Where {@code setting} of {@code element} was written, else where the element was. */
  SourcePos at(Positioned element, String setting) {
    SourcePos pos = settings.getOrDefault(element, Map.of()).get(setting);
    return pos != null ? pos : element.pos();
  }

  boolean wrote(Object element, String setting) {
    return settings.getOrDefault(element, Map.of()).containsKey(setting);
  }

  void markBroken(Object element) {
    broken.add(element);
  }

  boolean isBroken(Object element) {
    return broken.contains(element);
  }

  /** {@code element} tried to give {@code setting} (misspelt or malformed): no "missing" error for it. */
  void markAttempted(Object element, String setting) {
    attempted.add(new IdentityKey(element, setting));
  }

  boolean attempted(Object element, String setting) {
    return attempted.contains(new IdentityKey(element, setting));
  }
}
