package io.cul8er.cluster;

/** One cluster member: its Incus instance and its IPv4 address on the bridge. */
public record Member(String instance, String address) {
  public Member {
    if (instance == null || instance.isBlank()) {
      throw new IllegalArgumentException("a cluster member needs an instance name");
    }
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("cluster member " + instance + " has no address");
    }
  }

  /** The name the bridge's DNS answers for this member ({@code <instance>.incus}). */
  public String dnsName() {
    return instance + ".incus";
  }
}
