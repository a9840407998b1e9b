package io.cul8er.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashingTest {

  @Test
  void hmacSha256MatchesRfc4231TestCase2() {
    assertThat(Hashing.hmacSha256Hex("Jefe", "what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void sha256MatchesTheKnownDigestOfAbc() {
    assertThat(Hashing.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void aSecretDigestIsAnHmacKeyedByTheLineageSoEachStateDigestsTheSameSecretDifferently() {
    String digest = SecretDigest.of("lineage-1", "hunter2");

    assertThat(digest)
        .isEqualTo("hmac-sha256:" + Hashing.hmacSha256Hex("cul8er secret digest, lineage lineage-1", "hunter2"))
        .isEqualTo(SecretDigest.of("lineage-1", "hunter2"))
        .isNotEqualTo(SecretDigest.of("lineage-2", "hunter2"))
        .isNotEqualTo(SecretDigest.of("lineage-1", "hunter3"))
        .doesNotContain(Hashing.sha256Hex("hunter2"));
  }

  @Test
  void anEmptyLineageStillGivesAKeyedDigest() {
    assertThat(SecretDigest.of("", "hunter2")).startsWith("hmac-sha256:").hasSize("hmac-sha256:".length() + 64);
  }
}
