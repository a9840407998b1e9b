package io.cul8er.strategy;

/** One running instance whose release changes, and the version it runs before the change. */
public record RolloutTarget(String instance, String host, String fromVersion) {}
