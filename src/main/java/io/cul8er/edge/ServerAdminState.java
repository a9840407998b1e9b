package io.cul8er.edge;

import java.util.Locale;

/**
 * Administrative state set through {@code set server ... state}. DRAIN keeps the server's
 * connections but gives it no new traffic; MAINT also stops its health checks.
 */
public enum ServerAdminState {
  READY,
  DRAIN,
  MAINT;

  String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
