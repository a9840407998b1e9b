package io.cul8er.health;

/**
 * An instance to check: its name (for messages and events), its IPv4 address as the host sees it
 * (on the Incus bridge), how to run a command inside it, and how to reach its ports from here.
 */
public record Target(String name, String address, CommandRunner commands, Reach reach) {

  public Target(String name, String address, CommandRunner commands) {
    this(name, address, commands, Reach.DIRECT);
  }

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
    if (reach == null) {
      throw new IllegalArgumentException("health check target " + name + " needs a way to reach it");
    }
  }

  /** A target that cannot run commands: a command check on it fails with a clear reason. */
  public static Target of(String name, String address) {
    return new Target(name, address, CommandRunner.UNAVAILABLE);
  }

  public Target withCommands(CommandRunner runner) {
    return new Target(name, address, runner, reach);
  }

  public Target withReach(Reach how) {
    return new Target(name, address, commands, how);
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
