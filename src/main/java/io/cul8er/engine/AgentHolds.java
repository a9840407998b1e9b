package io.cul8er.engine;

import io.cul8er.state.StateStore;
import java.util.Set;

/**
 * The instances {@code cul8er agent} keeps out of their edges, as its record in a topology's state
 * says (docs/agent.md). Plans take their edge state as the agent's decision: neither drift nor a
 * change a deploy would undo. The agent's package reads its record; the engine only asks.
 */
@FunctionalInterface
public interface AgentHolds {
  AgentHolds NONE = store -> Set.of();

  Set<String> of(StateStore store);
}
