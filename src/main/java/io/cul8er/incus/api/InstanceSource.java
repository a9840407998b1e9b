package io.cul8er.incus.api;

import java.util.Optional;

/** Where a new instance comes from: a local image, by alias or by fingerprint. */
public record InstanceSource(String type, Optional<String> alias, Optional<String> fingerprint) {

  public static InstanceSource alias(String alias) {
    return new InstanceSource("image", Optional.of(alias), Optional.empty());
  }

  public static InstanceSource fingerprint(String fingerprint) {
    return new InstanceSource("image", Optional.empty(), Optional.of(fingerprint));
  }

  /** The alias or fingerprint, for messages. */
  public String image() {
    return alias.or(() -> fingerprint).orElse(type);
  }
}
