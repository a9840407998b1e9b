package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.Image;

/** {@code GET /1.0/images/{fingerprint}}: one image of the local image store. */
public record GetImage(String fingerprint) implements IncusEndpoint<Image> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return Paths.image(fingerprint);
  }

  @Override
  public String action() {
    return "get image " + Paths.shortFingerprint(fingerprint);
  }

  @Override
  public Image decode(Reply reply) {
    return reply.metadataAs(Image.class);
  }
}
