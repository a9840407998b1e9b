package io.cul8er.incus;

import java.util.List;

/** An instance was to be created from an image alias or fingerprint that Incus does not have. */
public final class UnknownImageException extends IncusException {
  private final String image;
  private final List<String> existingAliases;

  public UnknownImageException(
      String request, String action, int errorCode, String incusMessage, String image,
      List<String> existingAliases) {
    super(
        request + " (" + action + "): image '" + image + "' does not exist on this Incus; "
            + (existingAliases.isEmpty()
                ? "it has no image aliases at all"
                : "existing aliases: " + String.join(", ", existingAliases))
            + " (Incus said " + errorCode + ": " + incusMessage + ")",
        request, action, errorCode, incusMessage);
    this.image = image;
    this.existingAliases = List.copyOf(existingAliases);
  }

  /** The alias or fingerprint asked for. */
  public String image() {
    return image;
  }

  public List<String> existingAliases() {
    return existingAliases;
  }
}
