package io.cul8er.incus.endpoint;

import java.util.Map;
import java.util.Optional;

/**
 * {@code PATCH /1.0/images/{fingerprint}} with {@code properties}: Incus adds them to the image's,
 * replacing those of the same names and keeping the others. (An import's {@code
 * X-Incus-properties} header would do it in one request, but Incus 6 writes those into the map
 * read from the image's metadata.yaml, which is nil when the metadata has no properties: a panic in
 * the daemon.)
 */
public record PatchImage(String fingerprint, Map<String, String> properties) implements IncusEndpoint<Void> {

  public PatchImage {
    properties = Map.copyOf(properties);
  }

  @Override
  public String method() {
    return "PATCH";
  }

  @Override
  public String path() {
    return Paths.image(fingerprint);
  }

  @Override
  public Optional<Body> body() {
    return Optional.of(Body.json(Map.of("properties", properties)));
  }

  @Override
  public String action() {
    return "set properties of image " + Paths.shortFingerprint(fingerprint);
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
