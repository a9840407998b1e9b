package io.cul8er.plan;

import io.cul8er.model.StateSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * A plan written by {@code plan --out FILE}, to be applied exactly later. It holds the lineage and
 * serial of the state it was made against and the desired spec of every instance it touches; only
 * hashes of secrets, never their values.
 */
public record SavedPlan(Plan plan, Instant createdAt) {

  public static SavedPlan of(Plan plan, Instant createdAt) {
    return new SavedPlan(plan, createdAt);
  }

  public String toJson() {
    return PlanJson.write(this);
  }

  public static SavedPlan fromJson(String json, String source) {
    return PlanJson.read(json, source);
  }

  /** Writes through a temporary file in the same directory, so a reader never sees half a plan. */
  public void write(Path file) {
    Path absolute = file.toAbsolutePath();
    try {
      Path temporary = Files.createTempFile(absolute.getParent(), ".cul8er-plan-", ".tmp");
      try {
        Files.writeString(temporary, toJson(), StandardCharsets.UTF_8);
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      String why = e instanceof java.nio.file.NoSuchFileException
          ? "its directory does not exist"
          : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
      throw new PlanException("Cannot write the saved plan " + file + ": " + why, e);
    }
  }

  public static SavedPlan read(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PlanException("Cannot read the saved plan " + file + ": " + e.getMessage(), e);
    }
    return fromJson(json, file.toString());
  }

  /**
   * Why this plan must not be applied to {@code current}, if it must not: it was made for another
   * topology, another state (lineage), or the state has changed since (serial).
   */
  public Optional<String> checkFresh(StateSnapshot current) {
    if (!plan.topology().equals(current.topology())) {
      return Optional.of(
          "Saved plan does not match the state: it was made for topology "
              + plan.topology()
              + ", the state is of topology "
              + current.topology());
    }
    if (!plan.lineage().equals(current.lineage())) {
      return Optional.of(
          "Saved plan does not match the state: it was made for state lineage "
              + plan.lineage()
              + ", the current state has lineage "
              + current.lineage());
    }
    if (plan.serial() != current.serial()) {
      return Optional.of(
          "Saved plan is stale: the state was changed by another operation after the plan was made"
              + " (plan serial "
              + plan.serial()
              + ", state serial "
              + current.serial()
              + ")");
    }
    return Optional.empty();
  }
}
