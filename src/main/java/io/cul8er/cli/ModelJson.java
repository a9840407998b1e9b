package io.cul8er.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cul8er.model.SourcePos;
import java.io.IOException;

/** JSON for command output: records as objects, Optionals unwrapped, positions as FILE:LINE:COL. */
final class ModelJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .registerModule(new SimpleModule().addSerializer(SourcePos.class, new PosSerializer()))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ModelJson() {}

  static String write(Object value) throws IOException {
    return MAPPER.writeValueAsString(value);
  }

  private static final class PosSerializer extends JsonSerializer<SourcePos> {
    @Override
    public void serialize(SourcePos pos, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(pos.toString());
    }
  }
}
