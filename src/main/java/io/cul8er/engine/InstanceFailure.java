package io.cul8er.engine;

/** One instance that did not reach its desired state: the step that failed, and why. */
public record InstanceFailure(String host, String instance, String step, String reason) {}
