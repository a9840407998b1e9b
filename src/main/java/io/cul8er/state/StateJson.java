package io.cul8er.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;

/** The one Jackson configuration for everything the state backends store as JSON. */
public final class StateJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private StateJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code value} as indented JSON ending in a newline, as it is stored in files. */
  public static byte[] prettyLine(Object value) throws JsonProcessingException {
    return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Jackson's reason without its source dump, plus line and column when known. */
  public static String describe(JsonProcessingException failure) {
    String reason = failure.getOriginalMessage();
    if (failure instanceof ValueInstantiationException && failure.getCause() != null) {
      reason = failure.getCause().getMessage();
    }
    if (failure.getLocation() == null || failure.getLocation().getLineNr() < 0) {
      return reason;
    }
    return reason
        + " (line "
        + failure.getLocation().getLineNr()
        + ", column "
        + failure.getLocation().getColumnNr()
        + ")";
  }
}
