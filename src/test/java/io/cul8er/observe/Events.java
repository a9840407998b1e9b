package io.cul8er.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One event of every type, at fixed instants, for the tests. */
final class Events {
  static final Instant AT = Instant.parse("2026-11-26T02:47:00Z");

  private Events() {}

  static Instant at(int seconds) {
    return AT.plusSeconds(seconds);
  }

  static List<Event> everyType() {
    return List.of(
        new Event.DeployStarted(at(0), "prod", "rolling"),
        new Event.DeployFinished(at(9), "prod", "succeeded", Duration.ofMillis(9500), "rolling"),
        new Event.BatchStarted(at(1), "prod", 1, List.of("web-1", "web-2")),
        new Event.StepStarted(at(1), "prod", "local", "web-1", "drain web-1", "drain", ""),
        new Event.StepFinished(at(2), "prod", "local", "web-1", "drain web-1", Duration.ofMillis(300),
            "drained after 300 ms"),
        new Event.StepFailed(at(4), "prod", "local", "web-2", "check web-2", "web-2 is unhealthy: status 503"),
        new Event.HookRan(at(4), "prod", "before_switch", "web-1", "bin/web migrate", "succeeded",
            Duration.ofMillis(173)),
        new Event.InstanceDrained(at(2), "prod", "web-1", Duration.ofSeconds(3)),
        new Event.InstanceEnabled(at(3), "prod", "web-1"),
        new Event.HealthCheckPassed(at(3), "prod", "web-1", Duration.ofMillis(40)),
        new Event.HealthCheckFailed(at(4), "prod", "web-2", "status 503", Duration.ofMillis(60)),
        new Event.RollbackStarted(at(5), "prod", "web-2 failed its health check: status 503"),
        new Event.RollbackFinished(at(6), "prod", List.of("web-1", "web-2"), Duration.ofMillis(1200)),
        new Event.CanaryAwaitingPromotion(at(6), "prod", "web", "1.1.0", List.of("web-1"), 50),
        new Event.CanaryPromoted(at(6), "prod", "web", "1.1.0", "deploy@ci pid 42"),
        new Event.NodeJoined(at(7), "prod", "app", "web-1", 2),
        new Event.NodeLeft(at(8), "prod", "app", "web-2", 1),
        new Event.ClusterFormed(at(7), "prod", "app", List.of("web-1", "web-2", "web-3"), Duration.ofMillis(2500)),
        new Event.DriftDetected(at(8), "prod", "web-3", "limits.memory is 1GiB, applied 512MiB"),
        new Event.MaintenanceChanged(at(9), "prod", "on", "Back at 14:00 UTC."),
        new Event.AgentStarted(at(10), "prod", "box", 4242, Duration.ofSeconds(30)),
        new Event.AgentStopped(at(10), "prod", 12, "stopped by a signal"),
        new Event.AgentRestarted(at(10), "prod", "web-1", 1, "GET http://10.0.0.5:4000/health: answered 503"),
        new Event.AgentStartedInstance(at(10), "prod", "db-1", 1, "stopped, although the state records it running"),
        new Event.AgentTookOut(at(10), "prod", "web-1", "GET http://10.0.0.5:4000/health: answered 503"),
        new Event.AgentPutBack(at(11), "prod", "web-1", Duration.ofSeconds(7)),
        new Event.AgentRestartedEdge(at(11), "prod", "local", "it was not running"),
        new Event.AgentRewroteCluster(at(11), "prod", "app", List.of("node-1", "node-3")),
        new Event.AgentCrashLoop(at(11), "prod", "web-1", 3, Duration.ofMinutes(15), "down"),
        new Event.AgentReapplied(at(11), "prod", "succeeded", "re-apply the topology: web-1 stopped outside C U L8er"),
        new Event.AgentPaused(at(11), "prod", "alice@box (pid 7) for deploy since 2026-11-26T02:47:00Z, lock ID x"),
        new Event.AgentActionFailed(at(11), "prod", "restart the release of web-1 on local (attempt 1): down",
            "exited with 3"),
        new Event.AgentPassFailed(at(11), "prod", "cannot reach Incus"),
        new Event.IncusLifecycle(at(8), "prod", "instance-started", "/1.0/instances/web-1"),
        new Event.SinkDropped(at(9), "prod", "webhook https://hooks.example.com/deploys", 3, "answered status 503"));
  }
}
