package io.cul8er.engine;

import io.cul8er.model.StateSnapshot;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;

/** A plan with what it was made from, and how many Incus API requests the refresh took. */
public record PlanResult(
    Plan plan, DesiredState desired, StateSnapshot prior, Observation observed, long apiRequests) {}
