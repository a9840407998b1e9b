package io.cul8er.dsl;

import io.cul8er.model.Image;
import io.cul8er.model.SourcePos;
import java.util.List;

/**
 * Checks an image reference before Incus sees it: an empty alias or remote, or an alias Incus
 * would refuse, is an error; a remote C U L8er does not know is a warning with a suggestion.
 */
final class ImageRefs {
  static final List<String> KNOWN_REMOTES = List.copyOf(Image.KNOWN_REMOTES.keySet());

  private ImageRefs() {}

  static void check(Image image, SourcePos pos, String owner, Diagnostics diagnostics) {
    String remote = image.remote().orElse(null);
    if (remote != null && remote.isEmpty()) {
      diagnostics.error(pos, "the image `" + image + "` of " + owner + " has an empty remote before `:`",
          "write `images:alpine/3.19` for a remote image, or the alias alone for a local one");
      return;
    }
    if (image.alias().isEmpty()) {
      diagnostics.error(pos, "the image of " + owner + " has an empty alias",
          "name an image, like `from_image \"images:alpine/3.19\"`");
      return;
    }
    String problem = aliasProblem(image.alias());
    if (problem != null) {
      diagnostics.error(pos, "the image alias `" + image.alias() + "` of " + owner + " is invalid: " + problem,
          "an Incus image alias has no spaces or control characters and does not start or end with '/'");
      return;
    }
    if (remote != null && !KNOWN_REMOTES.contains(remote)) {
      String hint = Suggest.didYouMean(remote, KNOWN_REMOTES, "");
      diagnostics.warning(pos, "the image remote `" + remote + "` of " + owner + " is unknown",
          hint != null ? hint : "known remotes: " + String.join(", ", KNOWN_REMOTES));
    }
  }

  private static String aliasProblem(String alias) {
    for (int i = 0; i < alias.length(); i++) {
      char c = alias.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
        return "it contains " + (c == ' ' ? "a space" : String.format("the character U+%04X", (int) c));
      }
    }
    if (alias.startsWith("/") || alias.endsWith("/")) {
      return "it starts or ends with '/'";
    }
    return null;
  }
}
