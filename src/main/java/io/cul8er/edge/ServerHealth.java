package io.cul8er.edge;

import java.util.Locale;

/** Health forced through {@code set server ... health}, until HAProxy's checks say otherwise. */
public enum ServerHealth {
  UP,
  STOPPING,
  DOWN;

  String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
