package io.cul8er.setup;

import io.cul8er.model.Host;

/** How setup reaches each host, and who and where the host is for the others. */
@FunctionalInterface
public interface HostAccess {
  /** A shell on {@code host}; a {@link io.cul8er.model.Cul8erException} says why there is none. */
  Shell open(Host host);

  /** The user deploys log in as, whose use of the Incus socket setup checks; blank: the user setup logs in as. */
  default String deployUser(Host host) {
    return "";
  }

  /** The address other hosts route {@code host}'s containers through, before name resolution. */
  default String address(Host host) {
    return host.address();
  }
}
