package io.cul8er.incus.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cul8er.model.InstanceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The one JSON configuration for the Incus API: snake_case names, absent optionals left out, map
 * keys sorted (so request bodies are byte-for-byte predictable), unknown fields ignored (newer
 * daemons add fields), and {@link InstanceType} as Incus spells it.
 */
public final class IncusJson {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new Jdk8Module())
      .addModule(new JavaTimeModule())
      .addModule(instanceTypes())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .defaultPropertyInclusion(JsonInclude.Value.construct(
          JsonInclude.Include.NON_ABSENT, JsonInclude.Include.USE_DEFAULTS))
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE, true)
      .build();

  private IncusJson() {}

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not encode " + value.getClass().getSimpleName(), e);
    }
  }

  private static SimpleModule instanceTypes() {
    SimpleModule module = new SimpleModule("incus-instance-type");
    module.addSerializer(InstanceType.class, new JsonSerializer<>() {
      @Override
      public void serialize(InstanceType type, JsonGenerator out, SerializerProvider provider)
          throws IOException {
        out.writeString(type.incusName());
      }
    });
    module.addDeserializer(InstanceType.class, new JsonDeserializer<>() {
      @Override
      public InstanceType deserialize(JsonParser in, DeserializationContext context)
          throws IOException {
        String name = in.getValueAsString();
        return Arrays.stream(InstanceType.values())
            .filter(type -> type.incusName().equals(name))
            .findFirst()
            .orElseThrow(() -> context.weirdStringException(
                name, InstanceType.class, "not an Incus instance type"));
      }
    });
    return module;
  }
}
