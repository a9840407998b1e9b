package io.cul8er.plan;

import java.util.List;

/**
 * An image a host lacks, copied there before the instances that need it are created: the build
 * {@code fingerprint} that the local alias {@code image} names on {@code source} (another host of
 * the topology, or {@link ImageCatalog#THIS_MACHINE}), to {@code host}, under the same alias.
 * {@code instances} are those of {@code host} that need it.
 */
public record ImageCopy(String host, String image, String fingerprint, String source, List<String> instances) {

  public ImageCopy {
    instances = List.copyOf(instances);
  }

  /** {@code copy image cul8er/debian12 (fingerprint 8375f17b31c7) from web_1 to web_2}. */
  public String describe() {
    return "copy image " + image + " (fingerprint " + shortFingerprint() + ") from " + source + " to " + host;
  }

  /** The first 12 characters, as {@code incus image list} shows a fingerprint. */
  public String shortFingerprint() {
    return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
  }

  ImageCopy with(String instance) {
    List<String> more = new java.util.ArrayList<>(instances);
    more.add(instance);
    return new ImageCopy(host, image, fingerprint, source, more);
  }
}
