package io.cul8er.incus.endpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.cul8er.incus.api.IncusJson;
import io.cul8er.incus.api.Operation;
import java.util.Optional;

/**
 * A successful answer, unwrapped: the metadata of a sync response, or the finished operation of
 * an async one (whose metadata is then the operation's), or the raw content for raw endpoints.
 *
 * @param etag the ETag header without its quotes, or empty
 * @param body the answer's content as sent
 */
public record Reply(String etag, byte[] body, JsonNode metadata, Optional<Operation> operation) {

  public Reply {
    body = body.clone();
    metadata = metadata == null ? NullNode.getInstance() : metadata;
  }

  public static Reply raw(byte[] body) {
    return new Reply("", body, NullNode.getInstance(), Optional.empty());
  }

  public <T> T metadataAs(Class<T> type) {
    return IncusJson.MAPPER.convertValue(metadata, type);
  }

  public <T> T metadataAs(TypeReference<T> type) {
    return IncusJson.MAPPER.convertValue(metadata, type);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
