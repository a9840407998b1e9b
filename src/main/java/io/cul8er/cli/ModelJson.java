package io.cul8er.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cul8er.model.Canary;
import io.cul8er.model.Cluster;
import io.cul8er.model.Connection;
import io.cul8er.model.EnvVar;
import io.cul8er.model.FileSpec;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.SecretRef;
import io.cul8er.model.Sink;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * JSON for command output: records as objects, Optionals unwrapped, positions as FILE:LINE:COL. A
 * value of a sealed model type says which kind it is in a {@code kind} field (the model itself
 * knows nothing of JSON, so the type information is added here, through mix-ins).
 */
final class ModelJson {
  /** The kind each variant of a sealed model type is written as, in the DSL's words. */
  private static final List<NamedType> KINDS = List.of(
      new NamedType(Connection.LocalSocket.class, "socket"),
      new NamedType(Connection.Ssh.class, "ssh"),
      new NamedType(Connection.Https.class, "https"),
      new NamedType(SecretRef.FromEnv.class, "env"),
      new NamedType(SecretRef.FromFile.class, "file"),
      new NamedType(EnvVar.Plain.class, "plain"),
      new NamedType(EnvVar.Secret.class, "secret"),
      new NamedType(FileSpec.FileSource.Inline.class, "inline"),
      new NamedType(FileSpec.FileSource.Local.class, "local"),
      new NamedType(HealthCheck.Probe.Http.class, "http"),
      new NamedType(HealthCheck.Probe.Tcp.class, "tcp"),
      new NamedType(HealthCheck.Probe.Command.class, "command"),
      new NamedType(Cluster.MembershipProbe.Command.class, "command"),
      new NamedType(Cluster.MembershipProbe.Endpoint.class, "endpoint"),
      new NamedType(StateBackend.File.class, "file"),
      new NamedType(StateBackend.Postgres.class, "postgres"),
      new NamedType(Sink.Webhook.class, "webhook"),
      new NamedType(Sink.Command.class, "command"));

  private static final ObjectMapper MAPPER = mapper();

  private ModelJson() {}

  static String write(Object value) throws IOException {
    return MAPPER.writeValueAsString(value);
  }

  /** {@code value} as JSON with {@code extra} fields added at its top level. */
  static String write(Object value, java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> extra)
      throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode tree = MAPPER.valueToTree(value);
    extra.forEach(tree::set);
    return MAPPER.writeValueAsString(tree);
  }

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper()
        .registerModule(new Jdk8Module())
        .registerModule(new JavaTimeModule())
        .registerModule(new SimpleModule().addSerializer(SourcePos.class, new PosSerializer()))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT);
    for (NamedType kind : KINDS) {
      mapper.addMixIn(kind.getType().getInterfaces()[0], WithKind.class);
    }
    mapper.registerSubtypes(KINDS.toArray(NamedType[]::new));
    mapper.addMixIn(Canary.class, CanaryWithEvidenceWait.class);
    return mapper;
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
  private interface WithKind {}

  /** A canary also says how long a step waits for its evidence when {@code max_wait} is left out. */
  @JsonPropertyOrder({"instances", "steps", "pause", "maxErrorRatePercent", "autoPromote", "minRequests", "maxWait",
      "evidenceWait", "pos"})
  private interface CanaryWithEvidenceWait {
    @JsonProperty("evidenceWait")
    Duration evidenceWait();
  }

  private static final class PosSerializer extends JsonSerializer<SourcePos> {
    @Override
    public void serialize(SourcePos pos, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(pos.toString());
    }
  }
}
