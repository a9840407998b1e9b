package io.cul8er.incus.endpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.cul8er.incus.api.Operation;
import io.cul8er.incus.http.HttpReply;
import io.cul8er.incus.http.IncusJson;
import java.util.Optional;

/**
 * A successful answer, unwrapped: the metadata of a sync response, or the finished operation of
 * an async one (whose metadata is then the operation's), or the raw HTTP reply for raw endpoints.
 */
public record Reply(HttpReply http, JsonNode metadata, Optional<Operation> operation) {

  public Reply {
    metadata = metadata == null ? NullNode.getInstance() : metadata;
  }

  public static Reply raw(HttpReply http) {
    return new Reply(http, NullNode.getInstance(), Optional.empty());
  }

  public <T> T metadataAs(Class<T> type) {
    return IncusJson.MAPPER.convertValue(metadata, type);
  }

  public <T> T metadataAs(TypeReference<T> type) {
    return IncusJson.MAPPER.convertValue(metadata, type);
  }

  /** The ETag header without its quotes, or empty. */
  public String etag() {
    return http.header("ETag").map(tag -> tag.replace("\"", "")).orElse("");
  }

  public byte[] bytes() {
    return http.body();
  }
}
