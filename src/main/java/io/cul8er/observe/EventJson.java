package io.cul8er.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Events as JSON lines: one flat object, {@code "type"} first, snake_case fields, instants and
 * durations in ISO-8601 ({@code "2026-11-26T02:47:00Z"}, {@code "PT1.5S"}).
 */
public final class EventJson {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private EventJson() {}

  /** The event as one line of JSON, without the line break. */
  public static String write(Event event) {
    try {
      return MAPPER.writerFor(Event.class).writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write event " + event.type() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The event a line holds.
   *
   * @throws IllegalArgumentException naming the problem when the line is not an event
   */
  public static Event read(String line) {
    try {
      return MAPPER.readValue(line, Event.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an event: " + e.getOriginalMessage(), e);
    }
  }
}
