package io.cul8er.model;

import java.util.Locale;

/**
 * Maps DSL names to Incus instance names. Incus names are hostnames: letters, digits and '-', at
 * most 63 characters, starting with a letter and not ending with '-'. The mapping is
 * deterministic: {@code topology :prod} with {@code resource :app_1} becomes {@code prod-app-1},
 * and replica 2 of {@code :web} becomes {@code prod-web-2}. A blue-green resource has the same
 * names in its {@link Slot#BLUE blue} slot and {@code -green} appended in its green slot ({@code
 * prod-web-2-green}), so the green names are the longest and are the ones to validate.
 */
public final class InstanceNames {
  public static final int MAX_LENGTH = 63;

  private InstanceNames() {}

  public static String of(String topology, String resource) {
    return sanitize(topology) + "-" + sanitize(resource);
  }

  public static String of(String topology, String resource, int replica, int replicas) {
    return replicas > 1 ? of(topology, resource) + "-" + replica : of(topology, resource);
  }

  /** The name of a replica of a blue-green resource in {@code slot}: blue as without slots, green with {@code -green}. */
  public static String of(String topology, String resource, int replica, int replicas, Slot slot) {
    String name = of(topology, resource, replica, replicas);
    return slot == Slot.BLUE ? name : name + "-" + slot.label();
  }

  /**
   * Why Incus would refuse a name of this replica, or null when every name it can get is valid:
   * with {@code slotted} (see {@link Slot#appliesTo}) that includes the green name, 6 characters
   * longer, and the problem says so.
   */
  public static String problem(String topology, String resource, int replica, int replicas, boolean slotted) {
    String name = of(topology, resource, replica, replicas);
    String problem = problem(name);
    if (problem != null || !slotted) {
      return problem;
    }
    String green = of(topology, resource, replica, replicas, Slot.GREEN);
    problem = problem(green);
    return problem == null ? null : "in the green slot it is named " + green + " and " + problem;
  }

  /**
   * The name an instance is kept under while a replacement from the updated build of its image
   * takes its name: {@code prod-web-2-aside}; a name too long for that keeps its first 50
   * characters and 6 hex digits of its SHA-256, so that two long names never share one.
   */
  public static String aside(String name) {
    String suffix = "-aside";
    if (name.length() + suffix.length() <= MAX_LENGTH) {
      return name + suffix;
    }
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return name.substring(0, 50) + "-" + java.util.HexFormat.of().formatHex(hash).substring(0, 6) + suffix;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Lower-cases, maps '_' and '.' to '-', and drops anything else Incus would refuse. */
  public static String sanitize(String dslName) {
    StringBuilder out = new StringBuilder(dslName.length());
    for (char c : dslName.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
        out.append(c);
      } else if (c == '_' || c == '.') {
        out.append('-');
      }
    }
    return out.toString();
  }

  /** Why Incus would refuse {@code name}, or null when it is valid. */
  public static String problem(String name) {
    if (name.isEmpty()) {
      return "it is empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "it is " + name.length() + " characters long, more than " + MAX_LENGTH;
    }
    if (!Character.isLetter(name.charAt(0))) {
      return "it must start with a letter";
    }
    if (name.endsWith("-")) {
      return "it must not end with '-'";
    }
    for (char c : name.toCharArray()) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
        return "it contains '" + c + "'";
      }
    }
    return null;
  }
}
