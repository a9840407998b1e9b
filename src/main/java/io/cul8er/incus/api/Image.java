package io.cul8er.incus.api;

import java.util.List;
import java.util.Map;

/** An image in the local image store. */
public record Image(
    String fingerprint,
    List<Alias> aliases,
    String architecture,
    String type,
    long size,
    Map<String, String> properties) {

  public Image {
    aliases = Copies.list(aliases);
    properties = Copies.map(properties);
  }

  /** An alias as an image lists it. */
  public record Alias(String name, String description) {}
}
