package io.cul8er.plan;

/** An instance C U L8er would have to touch but does not own: apply must refuse the plan. */
public record Conflict(String instance, String host, String problem) {}
