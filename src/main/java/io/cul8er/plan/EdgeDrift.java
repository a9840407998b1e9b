package io.cul8er.plan;

/**
 * A host's edge found other than the topology wants it, e.g. {@code is not running} or {@code
 * serves 8080, the topology wants 8081}: apply starts or reloads it.
 */
public record EdgeDrift(String host, String what) {}
