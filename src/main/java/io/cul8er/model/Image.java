package io.cul8er.model;

import java.util.Map;
import java.util.Optional;

/**
 * An image reference: {@code "my-image"} is a local alias, {@code "images:alpine/3.19"} the alias
 * {@code alpine/3.19} on remote {@code images}.
 */
public record Image(Optional<String> remote, String alias) {
  /** The image servers known by name, with their addresses. */
  public static final Map<String, String> KNOWN_REMOTES = Map.of("images", "https://images.linuxcontainers.org");

  /** What to say after "the image remote `x` is unknown". */
  public static String knownRemotesAdvice() {
    return "known remotes: " + String.join(", ", new java.util.TreeSet<>(KNOWN_REMOTES.keySet()))
        + " (or import the image and name it by its local alias)";
  }

  public static Image parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      return new Image(Optional.empty(), text);
    }
    return new Image(Optional.of(text.substring(0, colon)), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return remote.map(r -> r + ":" + alias).orElse(alias);
  }
}
