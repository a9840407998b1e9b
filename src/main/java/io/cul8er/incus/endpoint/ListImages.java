package io.cul8er.incus.endpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cul8er.incus.api.Image;
import java.util.List;
import java.util.Map;

/** {@code GET /1.0/images?recursion=1}: the local images. */
public record ListImages() implements IncusEndpoint<List<Image>> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/1.0/images";
  }

  @Override
  public Map<String, String> query() {
    return Map.of("recursion", "1");
  }

  @Override
  public String action() {
    return "list images";
  }

  @Override
  public List<Image> decode(Reply reply) {
    return List.copyOf(reply.metadataAs(new TypeReference<List<Image>>() {}));
  }
}
