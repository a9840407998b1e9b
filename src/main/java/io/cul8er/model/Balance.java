package io.cul8er.model;

/**
 * How each host's edge treats a service's instances on other hosts ({@code expose ..., balance:}).
 * During a canary's traffic steps every edge balances fleet-wide by weight, whatever this says.
 */
public enum Balance {
  /** Other hosts' instances are backup servers, used only while none of the edge's own host is up. */
  LOCAL_FIRST,
  /** Every instance on every host is an active server, all weighted equally. */
  FLEET
}
