package io.cul8er.incus.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;

/**
 * A background operation (create, state change, exec, ...). {@code status} is Running while it
 * runs, then Success, Failure or Cancelled; {@code err} says why it failed.
 */
public record Operation(
    String id,
    @JsonProperty("class") String operationClass,
    String description,
    String status,
    int statusCode,
    Map<String, List<String>> resources,
    JsonNode metadata,
    boolean mayCancel,
    String err) {

  public Operation {
    resources = Copies.map(resources);
    metadata = metadata == null ? NullNode.getInstance() : metadata;
    err = err == null ? "" : err;
  }

  public boolean isRunning() {
    return "Running".equals(status) || "Pending".equals(status);
  }

  public boolean failed() {
    return "Failure".equals(status) || "Cancelled".equals(status) || !err.isEmpty();
  }
}
