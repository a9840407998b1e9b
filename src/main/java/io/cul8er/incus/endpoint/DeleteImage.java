package io.cul8er.incus.endpoint;

/** {@code DELETE /1.0/images/{fingerprint}}: deletes an image and its aliases. */
public record DeleteImage(String fingerprint) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "DELETE";
  }

  @Override
  public String path() {
    return Paths.image(fingerprint);
  }

  @Override
  public String action() {
    return "delete image " + Paths.shortFingerprint(fingerprint);
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
