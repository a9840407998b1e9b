package io.cul8er.incus.https;

import java.nio.file.Path;
import java.time.Instant;

/** The one certificate a server may present, and where C U L8er learned it. */
public sealed interface ServerPin {

  Fingerprint fingerprint();

  /** Why the connection is refused when {@code server} presents {@code presented} instead. */
  String refusal(Server server, Fingerprint presented);

  /** Pinned at an earlier first contact and kept in {@code file}. */
  record Stored(Fingerprint fingerprint, Instant pinnedAt, Path file) implements ServerPin {
    @Override
    public String refusal(Server server, Fingerprint presented) {
      return "The Incus server at " + server + " presented certificate " + presented
          + ", but C U L8er pinned " + fingerprint + " for it on " + pinnedAt
          + ": it may have been replaced or impersonated; if the change is expected, remove "
          + file + " and re-run with a new trust token";
    }
  }

  /** Named by the trust token of a first contact. */
  record FromToken(Fingerprint fingerprint) implements ServerPin {
    @Override
    public String refusal(Server server, Fingerprint presented) {
      return "The Incus server at " + server + " presented certificate " + presented
          + ", but the trust token names " + fingerprint
          + ": the token was issued by another server, or someone is intercepting the connection."
          + " Nothing was sent. Check the host's address and port, or create a new token on the"
          + " server with `incus config trust add cul8er`";
    }
  }
}
