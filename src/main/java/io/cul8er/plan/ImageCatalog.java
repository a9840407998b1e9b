package io.cul8er.plan;

import io.cul8er.model.Image;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The images a refresh found: the local image aliases of the hosts it read them from, whether it
 * vouches for the image servers known by name ({@link Image#KNOWN_REMOTES}: {@code images} in
 * {@code images:debian/12}), and the fingerprint some local aliases name now ({@code targets}, per
 * host, alias to fingerprint), against which image drift is judged. What was not read is not
 * checked: a host without aliases here, every remote unless {@code checksRemotes}, an alias
 * without a target. The aliases of this machine's Incus may be held too, under {@link #THIS_MACHINE}:
 * where an image a host lacks may be copied from.
 */
public record ImageCatalog(Map<String, List<String>> aliasesByHost, boolean checksRemotes,
    Map<String, Map<String, String>> targets) {
  public static final ImageCatalog UNREAD = new ImageCatalog(Map.of(), false, Map.of());
  /**
   * The name under which the catalog holds the aliases of this machine's own Incus (the deploying
   * machine), read as a source of images that hosts lack; no host of a topology is named so.
   */
  public static final String THIS_MACHINE = "this machine";

  public ImageCatalog {
    Map<String, List<String>> sorted = new TreeMap<>();
    aliasesByHost.forEach((host, aliases) -> sorted.put(host, List.copyOf(new TreeSet<>(aliases))));
    aliasesByHost = Map.copyOf(sorted);
    Map<String, Map<String, String>> copied = new TreeMap<>();
    targets.forEach((host, named) -> copied.put(host, Map.copyOf(named)));
    targets = Map.copyOf(copied);
  }

  public ImageCatalog(Map<String, List<String>> aliasesByHost, boolean checksRemotes) {
    this(aliasesByHost, checksRemotes, Map.of());
  }

  public boolean hasAliasesOf(String host) {
    return aliasesByHost.containsKey(host);
  }

  public ImageCatalog withAliases(String host, List<String> aliases) {
    Map<String, List<String>> more = new TreeMap<>(aliasesByHost);
    more.put(host, aliases);
    return new ImageCatalog(more, checksRemotes, targets);
  }

  /** With what some aliases of {@code host} name now (alias to fingerprint), added to those known. */
  public ImageCatalog withTargets(String host, Map<String, String> named) {
    Map<String, Map<String, String>> more = new TreeMap<>(targets);
    Map<String, String> ofHost = new TreeMap<>(more.getOrDefault(host, Map.of()));
    ofHost.putAll(named);
    more.put(host, ofHost);
    return new ImageCatalog(aliasesByHost, checksRemotes, more);
  }

  public ImageCatalog checkingRemotes() {
    return new ImageCatalog(aliasesByHost, true, targets);
  }

  /** The fingerprint the local alias of {@code image} names on {@code host}, when it was read. */
  public Optional<String> target(String host, Image image) {
    return image.remote().isPresent() ? Optional.empty()
        : Optional.ofNullable(targets.getOrDefault(host, Map.of()).get(image.alias()));
  }

  /**
   * Why an instance cannot be created from {@code image} on {@code host}, if it is known that it
   * cannot. The words are those of the Incus client's own error for a missing image.
   */
  public Optional<String> problem(String host, Image image) {
    if (image.remote().isPresent()) {
      String remote = image.remote().get();
      return !checksRemotes || Image.KNOWN_REMOTES.containsKey(remote) ? Optional.empty() : Optional.of(
          "the image remote `" + remote + "` of " + image + " is unknown; " + Image.knownRemotesAdvice());
    }
    List<String> aliases = aliasesByHost.get(host);
    if (aliases == null || aliases.contains(image.alias())) {
      return Optional.empty();
    }
    return Optional.of("image '" + image.alias() + "' does not exist on this Incus; "
        + (aliases.isEmpty() ? "it has no image aliases at all" : "existing aliases: " + String.join(", ", aliases)));
  }
}
