package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.ImageAlias;

/** {@code GET /1.0/images/aliases/{name}}; alias names may contain '/', kept as is. */
public record GetImageAlias(String name) implements IncusEndpoint<ImageAlias> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/1.0/images/aliases/" + Paths.segment(name).replace("%2F", "/");
  }

  @Override
  public String action() {
    return "get image alias " + name;
  }

  @Override
  public ImageAlias decode(Reply reply) {
    return reply.metadataAs(ImageAlias.class);
  }
}
