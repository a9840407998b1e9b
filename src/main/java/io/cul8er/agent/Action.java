package io.cul8er.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One thing the agent decided to do in a pass. Pure data; {@link AgentActions} does it. */
public sealed interface Action {

  /** The action as one line, for events, audit entries and the log. */
  String describe();

  /** Whether it changes the fleet, and so runs under the state lock. */
  default boolean changesFleet() {
    return true;
  }

  /** The state records {@code instance} running but Incus found it stopped. */
  record StartInstance(String host, String resource, String instance, int attempt, String reason) implements Action {
    @Override
    public String describe() {
      return "start " + instance + " on " + host + " (attempt " + attempt + "): " + reason;
    }
  }

  /** {@code instance} fails its checks: its supervised release is restarted. */
  record RestartRelease(String host, String resource, String instance, int attempt, String reason)
      implements Action {
    @Override
    public String describe() {
      return "restart the release of " + instance + " on " + host + " (attempt " + attempt + "): " + reason;
    }
  }

  /** {@code instance} is unhealthy: out of every edge that serves it until it passes again. */
  record TakeOut(String resource, String instance, String reason) implements Action {
    @Override
    public String describe() {
      return "take " + instance + " out of its edges: " + reason;
    }
  }

  /** {@code instance}, taken out at {@code since}, passes again: back into its edges. */
  record PutBack(String resource, String instance, Instant since) implements Action {
    @Override
    public String describe() {
      return "put " + instance + " back into its edges (out since " + since + ")";
    }
  }

  /** The edge (HAProxy) of {@code host} is not running. */
  record StartEdge(String host) implements Action {
    @Override
    public String describe() {
      return "start the edge of " + host + ": it is not running";
    }
  }

  /** The running members of {@code cluster} changed: their env files name {@code members}. */
  record RewriteCluster(String cluster, List<String> members) implements Action {
    public RewriteCluster {
      members = List.copyOf(members);
    }

    @Override
    public String describe() {
      return "rewrite the membership of cluster " + cluster + ": " + (members.isEmpty() ? "no running member"
          : String.join(", ", members));
    }
  }

  /** {@code instance} failed again after {@code restarts} restarts within {@code window}: it stays out. */
  record GiveUp(String instance, int restarts, Duration window, String reason) implements Action {
    @Override
    public String describe() {
      return "give up on " + instance + ": " + restarts + " restart(s) within " + window.toSeconds()
          + " s and it still fails (" + reason + "); it stays out of its edges";
    }

    @Override
    public boolean changesFleet() {
      return false;
    }
  }

  /** Something differs from the topology and the state: reported once while it lasts. */
  record ReportDrift(String subject, String what) implements Action {
    @Override
    public String describe() {
      return "drift: " + subject + " " + what;
    }

    @Override
    public boolean changesFleet() {
      return false;
    }
  }

  /** {@code reconcile :auto}: the drift is re-applied through the normal deploy path (which takes the lock itself). */
  record Reapply(List<String> drift) implements Action {
    public Reapply {
      drift = List.copyOf(drift);
    }

    @Override
    public String describe() {
      return "re-apply the topology: " + String.join("; ", drift);
    }

    @Override
    public boolean changesFleet() {
      return false;
    }
  }
}
