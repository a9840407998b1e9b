package io.cul8er.state;

import io.cul8er.model.InstanceType;
import io.cul8er.model.RecordedInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Example values shared by the state tests. */
public final class StateFixtures {
  public static final Instant CREATED = Instant.parse("2026-11-26T01:02:03Z");

  private StateFixtures() {}

  public static RecordedInstance instance(String name) {
    return instance(name, "localhost", "sha256:" + name);
  }

  public static RecordedInstance instance(String name, String host, String configHash) {
    return new RecordedInstance(
        name,
        "web",
        0,
        host,
        InstanceType.CONTAINER,
        "cul8er/busybox",
        Map.of("limits.cpu", "1", "limits.memory", "256MiB", "user.cul8er.topology", "demo"),
        Map.of(
            "http",
            Map.of("type", "proxy", "listen", "tcp:0.0.0.0:8080", "connect", "tcp:127.0.0.1:80")),
        configHash,
        Optional.of("1.0.0"));
  }

  public static LockInfo lockInfo(String owner, String uuid, String topology) {
    return new LockInfo(
        UUID.fromString(uuid), owner, "box", 1234, "apply", topology, CREATED, Optional.empty());
  }

  public static AuditEntry auditEntry(
      String summary, AuditEntry.Outcome outcome, long before, long after) {
    return new AuditEntry(
        CREATED.plusSeconds(before),
        "alice",
        "box",
        "apply",
        "demo",
        outcome,
        Duration.ofMillis(1234),
        "0b8e5a84-4a3c-4c3e-9d6f-4a1f2c1d9e7a",
        before,
        after,
        summary);
  }
}
