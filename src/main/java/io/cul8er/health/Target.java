package io.cul8er.health;

/**
 * An instance to check: its name (for messages and events), its IPv4 address as the host sees it
 * (on the Incus bridge), and how to run a command inside it.
 */
public record Target(String name, String address, CommandRunner commands) {

  public Target {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a health check target needs a name");
    }
    if (!isIpv4(address)) {
      throw new IllegalArgumentException(
          "health check target " + name + " has address '" + address + "', not an IPv4 address");
    }
    if (commands == null) {
      throw new IllegalArgumentException("health check target " + name + " needs a command runner");
    }
  }

  /** A target that cannot run commands: a command check on it fails with a clear reason. */
  public static Target of(String name, String address) {
    return new Target(name, address, CommandRunner.UNAVAILABLE);
  }

  public Target withCommands(CommandRunner runner) {
    return new Target(name, address, runner);
  }

  private static boolean isIpv4(String address) {
    if (address == null) {
      return false;
    }
    String[] octets = address.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
          || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }
}
