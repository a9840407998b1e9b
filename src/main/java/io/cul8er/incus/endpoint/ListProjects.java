package io.cul8er.incus.endpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cul8er.incus.api.Project;
import java.util.List;
import java.util.Map;

/** {@code GET /1.0/projects?recursion=1}. */
public record ListProjects() implements IncusEndpoint<List<Project>> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/1.0/projects";
  }

  @Override
  public Map<String, String> query() {
    return Map.of("recursion", "1");
  }

  @Override
  public boolean projectScoped() {
    return false;
  }

  @Override
  public String action() {
    return "list projects";
  }

  @Override
  public List<Project> decode(Reply reply) {
    return List.copyOf(reply.metadataAs(new TypeReference<List<Project>>() {}));
  }
}
