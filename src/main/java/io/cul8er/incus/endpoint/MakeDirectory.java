package io.cul8er.incus.endpoint;

import java.util.Map;

/**
 * {@code POST /1.0/instances/{name}/files?path=...} with {@code X-Incus-type: directory}: creates
 * one directory; a directory that exists already is left as it is.
 */
public record MakeDirectory(String instance, String directory, int uid, int gid, int mode)
    implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "POST";
  }

  @Override
  public String path() {
    return Paths.instance(instance) + "/files";
  }

  @Override
  public Map<String, String> query() {
    return Map.of("path", directory);
  }

  @Override
  public Map<String, String> headers() {
    return Map.of(
        "X-Incus-type", "directory",
        "X-Incus-uid", Integer.toString(uid),
        "X-Incus-gid", Integer.toString(gid),
        "X-Incus-mode", String.format("%04o", mode));
  }

  /** A directory that exists already is left as it is. */
  @Override
  public Resend resend() {
    return Resend.ALWAYS;
  }

  @Override
  public String action() {
    return "create directory " + directory + " in instance " + instance;
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
