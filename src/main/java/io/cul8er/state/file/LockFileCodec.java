package io.cul8er.state.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cul8er.state.LockInfo;
import io.cul8er.state.StateJson;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The JSON form of lock.json: {@code {"format":"cul8er-lock","version":1,"id":...}}. */
final class LockFileCodec {
  static final String FORMAT = "cul8er-lock";

  private LockFileCodec() {}

  static byte[] encode(LockInfo info) {
    try {
      return StateJson.prettyLine(Document.of(info));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode lock " + info.id(), e);
    }
  }

  /** The lock described by {@code json}, or empty when it is not (yet) a complete lock file. */
  static Optional<LockInfo> decode(byte[] json) {
    try {
      JsonNode tree = StateJson.mapper().readTree(json);
      if (tree == null || !tree.isObject() || !FORMAT.equals(tree.path("format").asText())) {
        return Optional.empty();
      }
      return Optional.of(StateJson.mapper().treeToValue(tree, Document.class).toInfo());
    } catch (IOException | RuntimeException incomplete) {
      return Optional.empty();
    }
  }

  record Document(
      String format,
      int version,
      UUID id,
      String owner,
      String host,
      long pid,
      String operation,
      String topology,
      Instant created,
      Optional<Instant> expiresAt) {

    static Document of(LockInfo i) {
      return new Document(
          FORMAT,
          1,
          i.id(),
          i.owner(),
          i.host(),
          i.pid(),
          i.operation(),
          i.topology(),
          i.created(),
          i.expiresAt());
    }

    LockInfo toInfo() {
      return new LockInfo(
          id,
          owner,
          host,
          pid,
          operation,
          topology,
          created,
          expiresAt == null ? Optional.empty() : expiresAt);
    }
  }
}
