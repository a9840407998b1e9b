package io.cul8er.agent;

import io.cul8er.model.Cul8erException;
import io.cul8er.state.AgentRecords;
import io.cul8er.state.LocalProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One agent per topology: a lease in the state store ({@link AgentRecords}: a file beside the
 * state, or a row in PostgreSQL), renewed at every pass. A second agent refuses to start while the
 * lease is alive, naming the first; a killed agent's lease lapses after {@link #ttl}, or at once
 * when it ran on this machine and its process is gone.
 */
public final class AgentLease {
  private final AgentRecords records;
  private final String topology;
  private final String where;
  private final Clock clock;
  private final Duration ttl;
  private AgentRecord held;

  public AgentLease(AgentRecords records, String topology, String where, Clock clock, Duration ttl) {
    this.records = records;
    this.topology = topology;
    this.where = where;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The lease of an agent passing every {@code interval}: three passes, and a minute for a slow one. */
  public static Duration ttl(Duration interval) {
    return interval.multipliedBy(3).plus(Duration.ofMinutes(1));
  }

  /** The agent's record as stored, alive or not. */
  public static Optional<AgentRecord> read(AgentRecords records, String where) {
    return records.readAgentRecord().map(json -> AgentRecord.fromJson(json, where));
  }

  /** Whether {@code record}'s agent may still run at {@code now}. */
  public static boolean alive(AgentRecord record, Instant now) {
    return now.isBefore(record.expires()) && LocalProcess.mayBeRunning(record.host(), record.pid());
  }

  /**
   * Takes the lease, keeping the instances an earlier agent took out of service.
   *
   * @throws Cul8erException naming the agent that holds it
   */
  public AgentRecord claim() {
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<String> current = records.readAgentRecord();
      Optional<AgentRecord> before = current.map(json -> AgentRecord.fromJson(json, where));
      Instant now = clock.instant();
      if (before.isPresent() && alive(before.get(), now)) {
        AgentRecord other = before.get();
        throw new Cul8erException("An agent already runs for topology " + topology + ": " + other.who()
            + ", started " + other.started() + ", its lease renewed until " + other.expires()
            + "; stop it first (a killed agent's lease lapses then)");
      }
      AgentRecord mine = new AgentRecord(UUID.randomUUID(), LocalProcess.user(), LocalProcess.host(),
          LocalProcess.pid(), now, now.plus(ttl), Optional.empty(), 0,
          before.map(AgentRecord::outOfService).orElse(Map.of()));
      if (records.swapAgentRecord(current, Optional.of(mine.toJson()))) {
        held = mine;
        return mine;
      }
    }
    throw new Cul8erException("Tried to take the agent lease of topology " + topology + " in " + where
        + ", but another agent kept changing it; try again");
  }

  /**
   * Renews the lease and records the pass.
   *
   * @throws Cul8erException when another agent took the lease meanwhile (this one's had lapsed)
   */
  public void renew(Optional<Instant> lastPass, Map<String, Memory.OutOfService> outOfService) {
    AgentRecord next = held.renewed(clock.instant().plus(ttl), lastPass, outOfService);
    if (!records.swapAgentRecord(Optional.of(held.toJson()), Optional.of(next.toJson()))) {
      String now = read(records, where).map(AgentRecord::who).orElse("no one");
      throw new Cul8erException("The agent lease of topology " + topology + " in " + where + " was taken by "
          + now + " while this agent ran (its lease had lapsed); this agent stops");
    }
    held = next;
  }

  /** Gives the lease up, keeping the out-of-service record for the next agent and for {@code plan}. */
  public void release() {
    if (held == null) {
      return;
    }
    AgentRecord gone = held.renewed(clock.instant(), held.lastPass(), held.outOfService());
    records.swapAgentRecord(Optional.of(held.toJson()), Optional.of(gone.toJson()));
    held = null;
  }

  public AgentRecord held() {
    return held;
  }
}
