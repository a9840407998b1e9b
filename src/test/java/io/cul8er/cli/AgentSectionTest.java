package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.agent.AgentRecord;
import io.cul8er.agent.Memory;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentSectionTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final AgentRecord RECORD = new AgentRecord(UUID.randomUUID(), "alice", "box", 4242, T0,
      T0.plusSeconds(150), Optional.of(T0.plusSeconds(30)), 15,
      Map.of("web-2", new Memory.OutOfService(T0.plusSeconds(12), "GET http://10.0.0.5:4000/health: answered 503")));

  @Test
  void thePlanShowsTheAgentsDecisionsAsDecisionsNotDrift() {
    assertThat(AgentSection.planText(Optional.of(RECORD))).isEqualTo("""

        Kept out of the edges (the agent's decision, not drift; it puts each back once it passes its checks):
          web-2: out of service by the agent, since 2026-12-07T10:00:12Z, because GET http://10.0.0.5:4000/health: answered 503
        """);
    assertThat(AgentSection.planText(Optional.empty())).isEmpty();
  }

  @Test
  void statusSaysWhetherAnAgentRunsWhereAndWhenItLastPassed() {
    assertThat(AgentSection.status(Optional.of(RECORD), T0.plusSeconds(40))).isEqualTo(
        "agent: running as alice@box (pid 4242) since 2026-12-07T10:00:00Z, last pass 2026-12-07T10:00:30Z (15 in all)");
    assertThat(AgentSection.status(Optional.of(RECORD), T0.plusSeconds(150))).isEqualTo(
        "agent: not running (the last ran as alice@box (pid 4242) from 2026-12-07T10:00:00Z to 2026-12-07T10:02:30Z,"
            + " last pass 2026-12-07T10:00:30Z (15 in all))");
    assertThat(AgentSection.status(Optional.empty(), T0)).isEqualTo(
        "agent: not running (no agent has run for this topology)");
    assertThat(AgentSection.json(Optional.of(RECORD), T0.plusSeconds(40)).toString()).isEqualTo(
        "{\"running\":true,\"user\":\"alice\",\"host\":\"box\",\"pid\":4242,\"started\":\"2026-12-07T10:00:00Z\","
            + "\"lease_until\":\"2026-12-07T10:02:30Z\",\"last_pass\":\"2026-12-07T10:00:30Z\",\"passes\":15,\"out_of_service\":"
            + "{\"web-2\":{\"since\":\"2026-12-07T10:00:12Z\",\"because\":\"GET http://10.0.0.5:4000/health: answered 503\"}}}");
  }
}
