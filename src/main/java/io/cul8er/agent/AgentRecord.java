package io.cul8er.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cul8er.model.Cul8erException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The agent of a topology as its state store keeps it: who runs it (user, host, pid), since when,
 * until when its lease lasts unless renewed, when it last finished a pass and how many it made, and the instances it
 * took out of service (since, because), which {@code plan} and {@code status} show.
 */
public record AgentRecord(UUID id, String user, String host, long pid, Instant started, Instant expires,
    Optional<Instant> lastPass, long passes, Map<String, Memory.OutOfService> outOfService) {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new Jdk8Module())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public AgentRecord {
    outOfService = java.util.Collections.unmodifiableMap(new TreeMap<>(outOfService));
  }

  /** {@code alice@box (pid 1234)}. */
  public String who() {
    return user + "@" + host + " (pid " + pid + ")";
  }

  /** Renewed until {@code until}; {@code passed} is a pass that just ended (counted), or the last one kept. */
  public AgentRecord renewed(Instant until, Optional<Instant> passed, Map<String, Memory.OutOfService> out) {
    long count = passed.isPresent() && !passed.equals(lastPass) ? passes + 1 : passes;
    return new AgentRecord(id, user, host, pid, started, until, passed, count, out);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the agent record: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * @throws Cul8erException naming {@code where} when the text is not an agent record
   */
  public static AgentRecord fromJson(String json, String where) {
    try {
      return JSON.readValue(json, AgentRecord.class);
    } catch (JsonProcessingException e) {
      throw new Cul8erException("The agent record in " + where + " is not readable (" + e.getOriginalMessage()
          + "); remove it once no agent runs");
    }
  }
}
