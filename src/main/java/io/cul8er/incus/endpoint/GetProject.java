package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.Project;

/** {@code GET /1.0/projects/{name}}. */
public record GetProject(String name) implements IncusEndpoint<Project> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/1.0/projects/" + Paths.segment(name);
  }

  @Override
  public boolean projectScoped() {
    return false;
  }

  @Override
  public String action() {
    return "get project " + name;
  }

  @Override
  public Project decode(Reply reply) {
    return reply.metadataAs(Project.class);
  }
}
