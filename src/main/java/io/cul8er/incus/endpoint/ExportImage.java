package io.cul8er.incus.endpoint;

/**
 * {@code GET /1.0/images/{fingerprint}/export}: the image's files, as the client reads them as a
 * stream: one tarball ({@code application/octet-stream}) for a unified image, metadata and root
 * file system as {@code multipart/form-data} (parts {@code metadata} and {@code rootfs}, or {@code
 * rootfs.img} for a virtual machine) for a split one; in both forms, what {@link ImportImage} takes.
 */
public record ExportImage(String fingerprint) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return Paths.image(fingerprint) + "/export";
  }

  @Override
  public boolean rawResponse() {
    return true;
  }

  @Override
  public String action() {
    return "export image " + Paths.shortFingerprint(fingerprint);
  }

  /** The content is streamed, never decoded from a whole answer. */
  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
