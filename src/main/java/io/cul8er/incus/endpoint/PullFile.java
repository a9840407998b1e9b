package io.cul8er.incus.endpoint;

import java.util.Map;

/** {@code GET /1.0/instances/{name}/files?path=...}: the content of one file. */
public record PullFile(String instance, String file) implements IncusEndpoint<byte[]> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return Paths.instance(instance) + "/files";
  }

  @Override
  public Map<String, String> query() {
    return Map.of("path", file);
  }

  @Override
  public boolean rawResponse() {
    return true;
  }

  @Override
  public String action() {
    return "pull file " + file + " from instance " + instance;
  }

  @Override
  public byte[] decode(Reply reply) {
    return reply.body();
  }
}
