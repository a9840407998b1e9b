package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.ServerInfo;

/** {@code GET /1.0}: the daemon's version, API extensions and environment. */
public record GetServer() implements IncusEndpoint<ServerInfo> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/1.0";
  }

  @Override
  public boolean projectScoped() {
    return false;
  }

  @Override
  public String action() {
    return "get server information";
  }

  @Override
  public ServerInfo decode(Reply reply) {
    return reply.metadataAs(ServerInfo.class);
  }
}
