package io.cul8er.plan;

import io.cul8er.model.InstanceSpec;

/** The instance as it will be: exactly the spec Incus is asked for. */
public record After(InstanceSpec spec) {}
