package io.cul8er.plan;

/**
 * What state, plans and Incus config hold for a secret: {@code hmac-sha256:<hex>}, keyed by the
 * state's lineage. The same secret so digests differently in every state (no precomputed tables,
 * no telling that two topologies share a secret), and a changed secret changes its digest. The
 * lineage is not itself secret: whoever holds both a state and a digest can still test guesses, so
 * secrets must be long and random.
 */
public final class SecretDigest {
  public static final String PREFIX = "hmac-sha256:";
  /** Domain separation: a digest of a secret is never a digest of anything else keyed by the lineage. */
  private static final String KEY_CONTEXT = "cul8er secret digest, lineage ";

  private SecretDigest() {}

  public static String of(String lineage, String value) {
    return PREFIX + Hashing.hmacSha256Hex(KEY_CONTEXT + lineage, value);
  }
}
