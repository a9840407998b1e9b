package io.cul8er.strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cul8er.model.JournalRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The journal's records, written and read: {@code begun} (the plan, its operation, who, the target
 * versions), {@code step-started}, {@code step-finished} and {@code step-failed} for every step,
 * {@code undo-begun} (the undo's plan) and {@code undo-*} for its steps, and {@code ended} (the
 * outcome). Records of a rollout whose {@code begun} is missing or unreadable are left out of the
 * view, with the reason in {@link View#problems()}.
 */
public final class RolloutJournalCodec {
  public static final String BEGUN = "begun";
  public static final String UNDO_BEGUN = "undo-begun";
  public static final String ENDED = "ended";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RolloutJournalCodec() {}

  /** The rollouts of a journal in the order they began, and what could not be read. */
  public record View(List<JournaledRollout> rollouts, List<String> problems) {
    public View {
      rollouts = List.copyOf(rollouts);
      problems = List.copyOf(problems);
    }

    /** The newest rollout that did not end. */
    public Optional<JournaledRollout> pending() {
      return rollouts.stream().filter(JournaledRollout::pending).reduce((a, b) -> b);
    }

    /**
     * Every rollout that did not end, oldest first: more than one when a run that took an
     * unfinished rollout over (to finish or undo it) died too before it ended.
     */
    public List<JournaledRollout> unfinished() {
      return rollouts.stream().filter(JournaledRollout::pending).toList();
    }

    public Optional<JournaledRollout> rollout(String id) {
      return rollouts.stream().filter(r -> r.id().equals(id)).findFirst();
    }
  }

  public static JournalRecord begun(String id, Instant at, JournaledRollout.Header header, ReleasePlan plan) {
    ObjectNode data = JSON.createObjectNode();
    data.put("operation", header.operation());
    data.put("by", header.by());
    ObjectNode targets = data.putObject("targets");
    header.targets().forEach(targets::put);
    data.set("plan", JSON.valueToTree(parse(ReleasePlanJson.write(plan))));
    return new JournalRecord(id, at, BEGUN, -1, data.toString());
  }

  public static JournalRecord step(String id, Instant at, boolean undo, JournaledRollout.Status status, int index,
      String detail) {
    String kind = (undo ? "undo-" : "step-") + status.name().toLowerCase();
    return new JournalRecord(id, at, kind, index, detail);
  }

  public static JournalRecord undoBegun(String id, Instant at, ReleasePlan undo) {
    return new JournalRecord(id, at, UNDO_BEGUN, -1, ReleasePlanJson.write(undo));
  }

  public static JournalRecord ended(String id, Instant at, String outcome, String detail) {
    ObjectNode data = JSON.createObjectNode();
    data.put("outcome", outcome);
    data.put("detail", detail);
    return new JournalRecord(id, at, ENDED, -1, data.toString());
  }

  /** The target versions of a plan: the version each resource's installs and switches go to. */
  public static Map<String, String> targets(ReleasePlan plan) {
    Map<String, String> targets = new LinkedHashMap<>();
    for (ReleaseStep step : plan.steps()) {
      if (step instanceof ReleaseStep.Activate a) {
        targets.put(a.resource(), a.version());
      } else if (step instanceof ReleaseStep.Install i) {
        targets.put(i.resource(), i.version());
      }
    }
    return targets;
  }

  public static View read(List<JournalRecord> records) {
    Map<String, Builder> byId = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (JournalRecord record : records) {
      try {
        if (record.kind().equals(BEGUN)) {
          byId.put(record.rollout(), new Builder(record));
          continue;
        }
        Builder builder = byId.get(record.rollout());
        if (builder == null) {
          problems.add("record `" + record.kind() + "` of rollout " + record.rollout() + " has no `begun` before it");
          continue;
        }
        builder.add(record);
      } catch (IllegalArgumentException e) {
        problems.add("record `" + record.kind() + "` of rollout " + record.rollout() + " cannot be read: "
            + e.getMessage());
      }
    }
    return new View(byId.values().stream().map(Builder::build).toList(), problems);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /** Collects the records of one rollout. */
  private static final class Builder {
    private final String id;
    private final Instant begun;
    private final JournaledRollout.Header header;
    private final ReleasePlan plan;
    private final Map<Integer, JournaledRollout.StepRecord> steps = new HashMap<>();
    private final Map<Integer, JournaledRollout.StepRecord> undoSteps = new HashMap<>();
    private ReleasePlan undo;
    private JournaledRollout.Ended ended;

    Builder(JournalRecord record) {
      JsonNode data = parse(record.data());
      Map<String, String> targets = new LinkedHashMap<>();
      data.path("targets").fields().forEachRemaining(e -> targets.put(e.getKey(), e.getValue().asText()));
      this.id = record.rollout();
      this.begun = record.at();
      this.header = new JournaledRollout.Header(data.path("operation").asText(), data.path("by").asText(), targets);
      this.plan = ReleasePlanJson.read(data.path("plan").toString());
    }

    void add(JournalRecord record) {
      String kind = record.kind();
      if (kind.equals(ENDED)) {
        JsonNode data = parse(record.data());
        ended = new JournaledRollout.Ended(record.at(), data.path("outcome").asText(), data.path("detail").asText());
      } else if (kind.equals(UNDO_BEGUN)) {
        undo = ReleasePlanJson.read(record.data());
        undoSteps.clear();
      } else if (kind.startsWith("step-") || kind.startsWith("undo-")) {
        JournaledRollout.Status status = JournaledRollout.Status.valueOf(kind.substring(5).toUpperCase());
        (kind.startsWith("undo-") ? undoSteps : steps)
            .put(record.step(), new JournaledRollout.StepRecord(status, record.at(), record.data()));
      } else {
        throw new IllegalArgumentException("unknown kind");
      }
    }

    JournaledRollout build() {
      return new JournaledRollout(id, begun, header, plan, steps, Optional.ofNullable(undo), undoSteps,
          Optional.ofNullable(ended));
    }
  }
}
