package io.cul8er.strategy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Release plans as JSON, for {@code plan --json} and the journal: every step an object whose {@code
 * kind} names it ({@code drain}, {@code activate}, ...), durations in ISO-8601.
 */
public final class ReleasePlanJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
      .addMixIn(ReleaseStep.class, StepKinds.class);

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = ReleaseStep.Stage.class, name = "stage"),
    @JsonSubTypes.Type(value = ReleaseStep.RunHook.class, name = "run-hook"),
    @JsonSubTypes.Type(value = ReleaseStep.Install.class, name = "install"),
    @JsonSubTypes.Type(value = ReleaseStep.Configure.class, name = "configure"),
    @JsonSubTypes.Type(value = ReleaseStep.Drain.class, name = "drain"),
    @JsonSubTypes.Type(value = ReleaseStep.Snapshot.class, name = "snapshot"),
    @JsonSubTypes.Type(value = ReleaseStep.Activate.class, name = "activate"),
    @JsonSubTypes.Type(value = ReleaseStep.Restart.class, name = "restart"),
    @JsonSubTypes.Type(value = ReleaseStep.Record.class, name = "record"),
    @JsonSubTypes.Type(value = ReleaseStep.Restore.class, name = "restore"),
    @JsonSubTypes.Type(value = ReleaseStep.RestoreSnapshot.class, name = "restore-snapshot"),
    @JsonSubTypes.Type(value = ReleaseStep.AwaitHealthy.class, name = "await-healthy"),
    @JsonSubTypes.Type(value = ReleaseStep.Enable.class, name = "enable"),
    @JsonSubTypes.Type(value = ReleaseStep.ShiftWeight.class, name = "shift-weight"),
    @JsonSubTypes.Type(value = ReleaseStep.ResetWeights.class, name = "reset-weights"),
    @JsonSubTypes.Type(value = ReleaseStep.AwaitPromotion.class, name = "await-promotion"),
    @JsonSubTypes.Type(value = ReleaseStep.BalanceFleetWide.class, name = "balance-fleet-wide"),
    @JsonSubTypes.Type(value = ReleaseStep.BalanceLocalFirst.class, name = "balance-local-first"),
    @JsonSubTypes.Type(value = ReleaseStep.CreateSlotInstance.class, name = "create-slot-instance"),
    @JsonSubTypes.Type(value = ReleaseStep.AddToEdge.class, name = "add-to-edge"),
    @JsonSubTypes.Type(value = ReleaseStep.Discard.class, name = "discard"),
    @JsonSubTypes.Type(value = ReleaseStep.Switch.class, name = "switch"),
    @JsonSubTypes.Type(value = ReleaseStep.Retire.class, name = "retire"),
    @JsonSubTypes.Type(value = ReleaseStep.SetAside.class, name = "set-aside"),
    @JsonSubTypes.Type(value = ReleaseStep.PutBack.class, name = "put-back"),
    @JsonSubTypes.Type(value = ReleaseStep.CreateReplacement.class, name = "create-replacement"),
    @JsonSubTypes.Type(value = ReleaseStep.DeleteReplacement.class, name = "delete-replacement"),
    @JsonSubTypes.Type(value = ReleaseStep.DeleteAside.class, name = "delete-aside"),
    @JsonSubTypes.Type(value = ReleaseStep.CreateMoved.class, name = "create-moved"),
    @JsonSubTypes.Type(value = ReleaseStep.DeleteMovedIn.class, name = "delete-moved-in"),
    @JsonSubTypes.Type(value = ReleaseStep.HandOver.class, name = "hand-over"),
    @JsonSubTypes.Type(value = ReleaseStep.DeleteMovedAway.class, name = "delete-moved-away"),
    @JsonSubTypes.Type(value = ReleaseStep.EnsureEdge.class, name = "ensure-edge"),
    @JsonSubTypes.Type(value = ReleaseStep.AwaitCluster.class, name = "await-cluster"),
    @JsonSubTypes.Type(value = ReleaseStep.PruneSnapshots.class, name = "prune-snapshots"),
  })
  private interface StepKinds {}

  private ReleasePlanJson() {}

  public static String write(ReleasePlan plan) {
    try {
      return MAPPER.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write release plan as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The plan as a JSON tree, with each step's description added, for {@code plan --json}. */
  public static JsonNode tree(ReleasePlan plan) {
    JsonNode tree = MAPPER.valueToTree(plan);
    var steps = plan.steps();
    int[] index = {0};
    tree.path("phases").forEach(phase -> phase.path("sequences").forEach(sequence -> sequence.path("steps")
        .forEach(step -> ((com.fasterxml.jackson.databind.node.ObjectNode) step)
            .put("describe", steps.get(index[0]++).describe()))));
    return tree;
  }

  /** A plan written by {@link #write}; a journal line from another version fails with the reason. */
  public static ReleasePlan read(String json) {
    try {
      return MAPPER.readValue(json, ReleasePlan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a release plan: " + e.getOriginalMessage(), e);
    }
  }
}
