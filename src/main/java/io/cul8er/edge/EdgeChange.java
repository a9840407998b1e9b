package io.cul8er.edge;

/** What {@link HostEdge#apply} did to HAProxy. */
public enum EdgeChange {
  /** HAProxy was not running and now serves the configuration. */
  STARTED,
  /** HAProxy took the changed configuration without dropping a connection. */
  RELOADED,
  /** HAProxy already served exactly this configuration. */
  UNCHANGED,
  /** The last topology left, so HAProxy was stopped. */
  STOPPED
}
