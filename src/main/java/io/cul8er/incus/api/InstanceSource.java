package io.cul8er.incus.api;

import java.util.Optional;

/**
 * Where a new instance comes from: an image by alias or by fingerprint, on this Incus or, with
 * {@code server} and {@code protocol}, on an image server such as images.linuxcontainers.org.
 */
public record InstanceSource(
    String type,
    Optional<String> alias,
    Optional<String> fingerprint,
    Optional<String> server,
    Optional<String> protocol) {

  /** The image servers Incus clients know by name, as in {@code images:debian/12}. */

  public InstanceSource(String type, Optional<String> alias, Optional<String> fingerprint) {
    this(type, alias, fingerprint, Optional.empty(), Optional.empty());
  }

  public static InstanceSource alias(String alias) {
    return new InstanceSource("image", Optional.of(alias), Optional.empty());
  }

  public static InstanceSource fingerprint(String fingerprint) {
    return new InstanceSource("image", Optional.empty(), Optional.of(fingerprint));
  }

  /** An alias on a simplestreams image server, given by URL. */
  public static InstanceSource remoteAlias(String serverUrl, String alias) {
    return new InstanceSource(
        "image", Optional.of(alias), Optional.empty(), Optional.of(serverUrl), Optional.of("simplestreams"));
  }

  /** The alias or fingerprint, for messages. */
  public String image() {
    return alias.or(() -> fingerprint).orElse(type);
  }
}
