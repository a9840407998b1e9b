package io.cul8er.engine;

import io.cul8er.health.HealthEvent;
import io.cul8er.health.HealthWaiter;
import io.cul8er.health.Reach;
import io.cul8er.health.Target;
import io.cul8er.incus.IncusApi;
import io.cul8er.model.HealthCheck;
import java.util.Optional;
import java.util.function.Function;

/** The topology's {@code healthcheck} as the release phase's gate; without one, the edge's own checks decide. */
final class TopologyHealth implements HealthGate {
  private final Optional<HealthCheck> check;
  private final Function<String, IncusApi> incus;
  private final Function<String, Reach> reach;
  private final EngineEvents events;

  TopologyHealth(Optional<HealthCheck> check, Function<String, IncusApi> incus, Function<String, Reach> reach,
      EngineEvents events) {
    this.check = check;
    this.incus = incus;
    this.reach = reach;
    this.events = events;
  }

  @Override
  public String await(String host, String instance, String address) throws InterruptedException {
    if (check.isEmpty()) {
      return "no health check: the edge's checks decide";
    }
    HealthEvent.Verdict verdict = HealthWaiter.of(check.get()).withListener(events.health(instance))
        .await(new Target(instance, address, new InstanceCommands(incus.apply(host), instance), reach.apply(host)));
    if (verdict instanceof HealthEvent.GaveUp gaveUp) {
      throw new ReleaseFailure(instance + " is unhealthy: " + gaveUp.message());
    }
    return "healthy after " + ((HealthEvent.BecameHealthy) verdict).attempts() + " check(s)";
  }
}
