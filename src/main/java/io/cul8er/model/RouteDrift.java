package io.cul8er.model;

/**
 * A host whose networking keeps its containers and those of another host of the topology from
 * reaching each other, found by a plan: {@code kind} is {@code route}, {@code forwarding} or {@code
 * subnet}; {@code what} says what is wrong and who fixes it, e.g. {@code 10.210.3.0/24 via
 * 10.147.0.13 (web_3's containers) missing (cul8er setup adds it)}. Deploys run as a user who may
 * not change routes, so only {@code cul8er setup} repairs it.
 */
public record RouteDrift(String host, String kind, String what) {

  /** {@code route on web_1: 10.210.3.0/24 via 10.147.0.13 (web_3's containers) missing (cul8er setup adds it)}. */
  public String describe() {
    return kind + " on " + host + ": " + what;
  }
}
