package io.cul8er.incus.https;

import java.util.Optional;

/**
 * Reads a host's trust token, only when it is needed (first contact, or a server that no longer
 * trusts this client). Empty when the host has none.
 */
@FunctionalInterface
public interface TokenSource {
  Optional<String> read();

  static TokenSource none() {
    return Optional::empty;
  }
}
