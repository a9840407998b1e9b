package io.cul8er.setup;

/**
 * What the probe found about the Incus Unix socket the host's connection uses, as the login user.
 *
 * @param path the socket, as the topology's connection names it
 * @param present a Unix socket exists there
 * @param usable the login user may read and write it now (this session's groups)
 * @param group the group that owns it
 * @param mode its permissions as {@code ls -l} prints them, e.g. {@code srw-rw----}
 * @param member the group database lists the login user in {@code group}: true from the next login
 *     on even when this session started before the user was added
 */
public record SocketFacts(String path, boolean present, boolean usable, String group, String mode, boolean member) {

  /** The owning group may read and write the socket, so membership grants access. */
  public boolean groupMayUse() {
    return mode.length() >= 6 && mode.charAt(4) == 'r' && mode.charAt(5) == 'w';
  }
}
