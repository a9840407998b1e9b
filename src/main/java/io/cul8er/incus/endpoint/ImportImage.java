package io.cul8er.incus.endpoint;

import java.util.Map;

/**
 * {@code POST /1.0/images} with the image's files as the body (streamed by the client, in either
 * form {@link ExportImage} gives) and {@code X-Incus-fingerprint}: Incus refuses files that do not
 * hash to it ("fingerprints don't match"), so a copy cut short can never become an image. The image
 * is private; its properties are those of its metadata (see {@link PatchImage}). Never sent again:
 * its body is read once.
 */
public record ImportImage(String fingerprint) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "POST";
  }

  @Override
  public String path() {
    return "/1.0/images";
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("X-Incus-fingerprint", fingerprint);
  }

  @Override
  public String action() {
    return "import image " + Paths.shortFingerprint(fingerprint);
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
