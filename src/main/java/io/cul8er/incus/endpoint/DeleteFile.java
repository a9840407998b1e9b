package io.cul8er.incus.endpoint;

import java.util.Map;

/** {@code DELETE /1.0/instances/{name}/files?path=...}: removes one file or empty directory. */
public record DeleteFile(String instance, String file) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "DELETE";
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
  public String action() {
    return "delete file " + file + " in instance " + instance;
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
