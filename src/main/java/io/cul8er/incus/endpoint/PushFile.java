package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.FilePush;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /1.0/instances/{name}/files?path=...}: writes one file, replacing its content.
 * Incus answers 404 when the parent directory is missing.
 */
public record PushFile(String instance, FilePush file) implements IncusEndpoint<Void> {

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
    return Map.of("path", file.path());
  }

  @Override
  public Map<String, String> headers() {
    return Map.of(
        "X-Incus-type", "file",
        "X-Incus-write", "overwrite",
        "X-Incus-uid", Integer.toString(file.uid()),
        "X-Incus-gid", Integer.toString(file.gid()),
        "X-Incus-mode", file.octalMode());
  }

  @Override
  public Optional<Body> body() {
    return Optional.of(Body.octets(file.content()));
  }

  /** Writing the same bytes, owner and mode over the file again leaves the same file. */
  @Override
  public Resend resend() {
    return Resend.ALWAYS;
  }

  @Override
  public String action() {
    return "push file " + file.path() + " to instance " + instance;
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
