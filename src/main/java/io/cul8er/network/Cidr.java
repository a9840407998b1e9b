package io.cul8er.network;

import java.util.Comparator;
import java.util.Optional;

/**
 * An IPv4 address with a prefix length, as {@code ip} and Incus write it: {@code 10.210.1.1/24} is
 * the address 10.210.1.1 on the network 10.210.1.0/24. A bare address is a /32.
 */
public record Cidr(int address, int prefix) {
  /** By address (as an unsigned number), then by prefix length. */
  public static final Comparator<Cidr> ORDER =
      Comparator.comparing((Cidr cidr) -> Integer.toUnsignedLong(cidr.address())).thenComparing(Cidr::prefix);

  public Cidr {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("an IPv4 prefix is 0 to 32, got " + prefix);
    }
  }

  /** {@code 10.210.1.1/24}, {@code 10.147.0.12}; empty for anything else ({@code none}, IPv6, a name). */
  public static Optional<Cidr> parse(String text) {
    int slash = text.indexOf('/');
    Optional<Integer> address = address(slash < 0 ? text : text.substring(0, slash));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    if (slash < 0) {
      return Optional.of(new Cidr(address.get(), 32));
    }
    String prefix = text.substring(slash + 1);
    if (!prefix.matches("[0-9]{1,2}") || Integer.parseInt(prefix) > 32) {
      return Optional.empty();
    }
    return Optional.of(new Cidr(address.get(), Integer.parseInt(prefix)));
  }

  /** The address {@code 10.147.0.12} as an int; empty unless it is a dotted-quad IPv4 literal. */
  public static Optional<Integer> address(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    int value = 0;
    for (String part : parts) {
      if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
        return Optional.empty();
      }
      value = (value << 8) | Integer.parseInt(part);
    }
    return Optional.of(value);
  }

  public static boolean isAddress(String text) {
    return address(text).isPresent();
  }

  public static String format(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255);
  }

  /** {@code 10.210.1.0/24} for {@code 10.210.1.1/24}. */
  public Cidr network() {
    return new Cidr(address & mask(), prefix);
  }

  public boolean contains(int other) {
    return (other & mask()) == (address & mask());
  }

  /** Whether the two networks share any address: one contains the other. */
  public boolean overlaps(Cidr other) {
    int shorter = Math.min(prefix, other.prefix);
    int mask = new Cidr(0, shorter).mask();
    return (address & mask) == (other.address & mask);
  }

  /** The address alone, {@code 10.210.1.1}. */
  public String host() {
    return format(address);
  }

  private int mask() {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  @Override
  public String toString() {
    return format(address) + "/" + prefix;
  }
}
