package io.cul8er.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cul8er.agent.AgentLease;
import io.cul8er.agent.AgentRecord;
import io.cul8er.agent.Memory;
import io.cul8er.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code status} and {@code plan} say of the topology's agent and the instances it keeps out of service. */
final class AgentSection {
  private AgentSection() {}

  static Optional<AgentRecord> read(StateStore store) {
    return AgentLease.read(store, store.location());
  }

  /** {@code agent: running as alice@box (pid 42) since ..., last pass ...}, or why none runs. */
  static String status(Optional<AgentRecord> agent, Instant now) {
    if (agent.isEmpty()) {
      return "agent: not running (no agent has run for this topology)";
    }
    AgentRecord a = agent.get();
    String passed = a.lastPass().map(at -> ", last pass " + at + " (" + a.passes() + " in all)")
        .orElse(", no pass finished yet");
    return AgentLease.alive(a, now)
        ? "agent: running as " + a.who() + " since " + a.started() + passed
        : "agent: not running (the last ran as " + a.who() + " from " + a.started() + " to " + a.expires() + passed + ")";
  }

  /** One line per instance the agent took out of its edges, or none. */
  static List<String> outOfService(Optional<AgentRecord> agent) {
    List<String> lines = new ArrayList<>();
    agent.map(AgentRecord::outOfService).orElse(Map.of()).forEach((instance, out) -> lines.add(describe(instance, out)));
    return lines;
  }

  static String describe(String instance, Memory.OutOfService out) {
    return instance + ": out of service by the agent, since " + out.since() + ", because " + out.because();
  }

  /** The plan's text section, empty when the agent keeps no instance out. */
  static String planText(Optional<AgentRecord> agent) {
    List<String> lines = outOfService(agent);
    if (lines.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("\nKept out of the edges (the agent's decision, not drift; it puts each back"
        + " once it passes its checks):\n");
    lines.forEach(line -> text.append("  ").append(line).append('\n'));
    return text.toString();
  }

  /** {@code "agent": {"running": ..., "host": ..., "pid": ..., "last_pass": ..., "out_of_service": {...}}}. */
  static ObjectNode json(Optional<AgentRecord> agent, Instant now) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("running", agent.map(a -> AgentLease.alive(a, now)).orElse(false));
    agent.ifPresent(a -> {
      node.put("user", a.user());
      node.put("host", a.host());
      node.put("pid", a.pid());
      node.put("started", a.started().toString());
      node.put("lease_until", a.expires().toString());
      a.lastPass().ifPresentOrElse(at -> node.put("last_pass", at.toString()), () -> node.putNull("last_pass"));
      node.put("passes", a.passes());
      ObjectNode out = node.putObject("out_of_service");
      a.outOfService().forEach((instance, o) -> out.putObject(instance).put("since", o.since().toString())
          .put("because", o.because()));
    });
    return node;
  }
}
