package io.cul8er.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host names an exposed port answers ({@code domains:}): lower-case DNS names such as {@code
 * shop.example.com}, or a wildcard {@code *.example.com} standing for exactly one more leftmost
 * label ({@code a.example.com}, not {@code example.com} nor {@code a.b.example.com}), as a
 * certificate's wildcard does (RFC 6125). Pure.
 */
public final class DomainNames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final int MAX_LENGTH = 253;

  private DomainNames() {}

  /** Why {@code name} is not a valid name, with how to fix it; empty when it is valid. */
  public static Optional<Problem> problem(String name) {
    if (name.isEmpty()) {
      return Optional.of(new Problem("is empty", "write a host name such as \"shop.example.com\""));
    }
    if (name.contains("://") || name.contains("/")) {
      String host = name.replaceFirst("^[a-zA-Z]+://", "").replaceFirst("/.*$", "");
      return Optional.of(new Problem("is a URL, not a host name", "write \"" + host + "\""));
    }
    if (name.contains(":")) {
      return Optional.of(new Problem("has a port", "write \"" + name.substring(0, name.indexOf(':'))
          + "\": the port is `as:`"));
    }
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      return Optional.of(new Problem("has upper-case letters", "write \"" + name.toLowerCase(Locale.ROOT)
          + "\": names are matched ignoring case"));
    }
    if (name.endsWith(".")) {
      return Optional.of(new Problem("ends with a dot", "write \"" + name.substring(0, name.length() - 1) + "\""));
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(new Problem("is longer than " + MAX_LENGTH + " characters", "shorten it"));
    }
    String base = wildcard(name) ? name.substring(2) : name;
    if (base.contains("*")) {
      return Optional.of(new Problem("has a `*` that is not the whole leftmost label",
          "a wildcard is written \"*.example.com\" and stands for one label"));
    }
    for (String label : base.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.of(new Problem(label.isEmpty() ? "has an empty label (two dots in a row, or a leading dot)"
            : "has the label `" + label + "`, which is not 1 to 63 letters, digits and `-` (not first or last)",
            "write a host name such as \"shop.example.com\" or \"*.example.com\""));
      }
    }
    return Optional.empty();
  }

  public static boolean wildcard(String name) {
    return name.startsWith("*.");
  }

  /** Whether {@code pattern} (a name or a wildcard) answers the host name {@code name}. */
  public static boolean covers(String pattern, String name) {
    if (!wildcard(pattern)) {
      return pattern.equals(name);
    }
    int dot = name.indexOf('.');
    return dot > 0 && !wildcard(name) && name.substring(dot).equals(pattern.substring(1));
  }

  /** Whether some host name is answered by both: equal, or one a wildcard covering the other. */
  public static boolean overlap(String a, String b) {
    return a.equals(b) || covers(a, b) || covers(b, a);
  }

  /** What is wrong with a name, and how to fix it. */
  public record Problem(String reason, String hint) {}
}
