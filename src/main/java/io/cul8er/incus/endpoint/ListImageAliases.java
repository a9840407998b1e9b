package io.cul8er.incus.endpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cul8er.incus.api.ImageAlias;
import java.util.List;
import java.util.Map;

/** {@code GET /1.0/images/aliases?recursion=1}. */
public record ListImageAliases() implements IncusEndpoint<List<ImageAlias>> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/1.0/images/aliases";
  }

  @Override
  public Map<String, String> query() {
    return Map.of("recursion", "1");
  }

  @Override
  public String action() {
    return "list image aliases";
  }

  @Override
  public List<ImageAlias> decode(Reply reply) {
    return List.copyOf(reply.metadataAs(new TypeReference<List<ImageAlias>>() {}));
  }
}
