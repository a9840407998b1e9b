package io.cul8er.plan;

/**
 * An instance whose image alias now names a newer build than the one it was created from: Incus
 * recorded {@code running} (the fingerprint, {@code volatile.base_image}) when it created the
 * instance, and the alias {@code image} now points at {@code current}. Not a change: {@code deploy
 * --refresh-images} replaces such instances through the strategy; otherwise they stay.
 */
public record ImageUpdate(String instance, String resource, String host, String image, String running,
    String current) {

  /** Fingerprints are shown by their first 12 characters, as {@code incus image list} does. */
  public static String shortFingerprint(String fingerprint) {
    return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
  }

  /** {@code cul8er/busybox now names 5d1e2a9b7c3f, the instance runs ba496ecebb03}. */
  public String describe() {
    return image + " now names " + shortFingerprint(current) + ", the instance runs " + shortFingerprint(running);
  }
}
