package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.InstancePut;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PUT /1.0/instances/{name}} with {@code If-Match}: replaces the writable fields, unless
 * the instance changed since {@code etag} was read (then Incus answers 412).
 */
public record UpdateInstance(String name, InstancePut put, String etag)
    implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "PUT";
  }

  @Override
  public String path() {
    return Paths.instance(name);
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("If-Match", "\"" + etag + "\"");
  }

  @Override
  public Optional<Body> body() {
    return Optional.of(Body.json(put));
  }

  @Override
  public String action() {
    return "update instance " + name;
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
