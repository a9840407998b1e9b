package io.cul8er.plan;

/** A host that could not be observed; its instances get no changes. */
public record HostProblem(String host, String reason) {}
