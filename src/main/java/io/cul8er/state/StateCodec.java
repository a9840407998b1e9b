package io.cul8er.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Maintenance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON form of a {@link StateSnapshot}: {@code {"format":"cul8er-state","version":1,...}}.
 * Decoding refuses anything that is not exactly that: bad JSON, another format, a newer version,
 * missing fields.
 */
public final class StateCodec {
  public static final String FORMAT = "cul8er-state";
  private static final String CERTIFICATES = "certificates";
  private static final String MAINTENANCE = "maintenance";

  private StateCodec() {}

  public static byte[] encode(StateSnapshot snapshot) {
    try {
      ObjectNode tree = StateJson.mapper().valueToTree(Document.of(snapshot));
      if (!snapshot.certificates().isEmpty()) {
        ObjectNode certificates = tree.putObject(CERTIFICATES);
        snapshot.certificates().forEach(certificates::put);
      }
      snapshot.maintenance().ifPresent(m -> tree.putObject(MAINTENANCE).put("since", m.since().toString())
          .put("message", m.message()).put("retryAfterSeconds", m.retryAfter().toSeconds()));
      return StateJson.prettyLine(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the state of " + snapshot.topology(), e);
    }
  }

  /**
   * @param source what the bytes are, for messages: a file path, a table row
   * @throws StateFormatException when the bytes are not a state this version reads
   */
  public static StateSnapshot decode(byte[] json, String source) {
    try {
      JsonNode tree = StateJson.mapper().readTree(json);
      checkMarker(tree, source);
      Map<String, String> certificates = certificates(((ObjectNode) tree).remove(CERTIFICATES), source);
      Optional<Maintenance> maintenance = maintenance(((ObjectNode) tree).remove(MAINTENANCE), source);
      return StateJson.mapper().treeToValue(tree, Document.class).toSnapshot(source, certificates)
          .withMaintenance(maintenance);
    } catch (JsonProcessingException e) {
      throw new StateFormatException(
          source, "it is not a valid state file: " + StateJson.describe(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The digests of the edge's TLS certificates, by service: {@code "certificates" : {"web_443" :
   * "sha256:..."}}, written only when there are some, so that states written before TLS (and
   * without it) read as recording none.
   */
  private static Map<String, String> certificates(JsonNode node, String source) {
    if (node == null) {
      return Map.of();
    }
    require(node.isObject(), source, "\"" + CERTIFICATES + "\" is not an object");
    Map<String, String> certificates = new TreeMap<>();
    node.fields().forEachRemaining(field -> {
      require(field.getValue().isTextual(), source, "the certificate of " + field.getKey() + " is not a digest");
      certificates.put(field.getKey(), field.getValue().asText());
    });
    return certificates;
  }

  /**
   * Maintenance mode, while it is on: {@code "maintenance" : {"since" : "2026-12-07T18:00:00Z",
   * "message" : "...", "retryAfterSeconds" : 60}}; absent when off, so that older states read as off.
   */
  private static Optional<Maintenance> maintenance(JsonNode node, String source) {
    if (node == null) {
      return Optional.empty();
    }
    require(node.isObject() && node.path("since").isTextual() && node.path("message").isTextual()
        && node.path("retryAfterSeconds").canConvertToLong(), source,
        "\"" + MAINTENANCE + "\" needs \"since\", \"message\" and \"retryAfterSeconds\"");
    try {
      return Optional.of(new Maintenance(Instant.parse(node.get("since").asText()), node.get("message").asText(),
          Duration.ofSeconds(node.get("retryAfterSeconds").asLong())));
    } catch (DateTimeParseException | Cul8erException e) {
      throw new StateFormatException(source, "its \"" + MAINTENANCE + "\" is not usable: " + e.getMessage());
    }
  }

  private static void checkMarker(JsonNode tree, String source) {
    if (tree == null || !tree.isObject()) {
      throw new StateFormatException(source, "it is not a C U L8er state file (no JSON object)");
    }
    JsonNode format = tree.get("format");
    if (format == null || !FORMAT.equals(format.asText(null))) {
      String found = format == null ? "no \"format\" field" : "\"format\" is " + format;
      throw new StateFormatException(
          source, "it is not a C U L8er state file (" + found + ", expected \"" + FORMAT + "\")");
    }
    JsonNode version = tree.get("version");
    if (version == null
        || !version.canConvertToInt()
        || !version.isIntegralNumber()
        || version.intValue() < 1) {
      throw new StateFormatException(
          source, "its \"version\" is " + version + ", not a format version");
    }
    if (version.intValue() > StateSnapshot.FORMAT_VERSION) {
      throw new StateFormatException(
          source,
          "it has format version "
              + version.intValue()
              + ", written by a newer C U L8er; this one reads up to version "
              + StateSnapshot.FORMAT_VERSION);
    }
  }

  record Document(
      String format,
      int version,
      String lineage,
      long serial,
      String topology,
      Instant writtenAt,
      List<Instance> instances) {

    static Document of(StateSnapshot s) {
      return new Document(
          FORMAT,
          s.formatVersion(),
          s.lineage(),
          s.serial(),
          s.topology(),
          s.writtenAt(),
          s.instances().stream().map(Instance::of).toList());
    }

    StateSnapshot toSnapshot(String source, Map<String, String> certificates) {
      require(lineage != null && !lineage.isBlank(), source, "\"lineage\" is missing");
      require(serial >= 0, source, "\"serial\" is negative");
      require(topology != null, source, "\"topology\" is missing");
      require(writtenAt != null, source, "\"writtenAt\" is missing");
      require(instances != null, source, "\"instances\" is missing");
      return new StateSnapshot(
          version,
          lineage,
          serial,
          topology,
          writtenAt,
          instances.stream().map(i -> i.toRecorded(source)).toList(),
          certificates);
    }
  }

  record Instance(
      String name,
      String resource,
      int replica,
      String host,
      String type,
      String image,
      Map<String, String> config,
      Map<String, Map<String, String>> devices,
      String configHash,
      Optional<String> version) {

    static Instance of(RecordedInstance i) {
      return new Instance(
          i.instanceName(),
          i.resource(),
          i.replica(),
          i.host(),
          i.type().incusName(),
          i.image(),
          i.config(),
          i.devices(),
          i.configHash(),
          i.version());
    }

    RecordedInstance toRecorded(String source) {
      String what = "instance " + (name == null ? "without a name" : "`" + name + "`");
      require(name != null, source, "an instance has no \"name\"");
      require(resource != null, source, what + " has no \"resource\"");
      require(host != null, source, what + " has no \"host\"");
      require(image != null, source, what + " has no \"image\"");
      require(config != null, source, what + " has no \"config\"");
      require(devices != null, source, what + " has no \"devices\"");
      require(configHash != null, source, what + " has no \"configHash\"");
      return new RecordedInstance(
          name,
          resource,
          replica,
          host,
          instanceType(type, source, what),
          image,
          config,
          devices,
          configHash,
          version == null ? Optional.empty() : version);
    }

    private static InstanceType instanceType(String type, String source, String what) {
      return Arrays.stream(InstanceType.values())
          .filter(t -> t.incusName().equals(type))
          .findFirst()
          .orElseThrow(
              () ->
                  new StateFormatException(
                      source,
                      what
                          + " has unknown \"type\" "
                          + (type == null ? "null" : "\"" + type + "\"")));
    }
  }

  private static void require(boolean condition, String source, String problem) {
    if (!condition) {
      throw new StateFormatException(source, problem);
    }
  }
}
