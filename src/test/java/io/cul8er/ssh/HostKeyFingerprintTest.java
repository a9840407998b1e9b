package io.cul8er.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class HostKeyFingerprintTest {
  static final String KEY = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

  @Test
  void matchesWhatOpenSshPrints() {
    HostKeyFingerprint fingerprint = HostKeyFingerprint.of(Base64.getDecoder().decode(KEY));

    assertThat(fingerprint.algorithm()).isEqualTo("ssh-ed25519");
    assertThat(fingerprint.type()).isEqualTo("ED25519");
    assertThat(fingerprint.toString()).isEqualTo("ED25519 " + SshKeygen.fingerprint("ssh-ed25519 " + KEY));
  }

  @Test
  void namesOtherAlgorithmsTheWayOpenSshDoes() {
    assertThat(new HostKeyFingerprint("ecdsa-sha2-nistp256", "SHA256:x").type()).isEqualTo("ECDSA");
    assertThat(new HostKeyFingerprint("ssh-rsa", "SHA256:x").type()).isEqualTo("RSA");
  }

  @Test
  void aMalformedBlobHasAnUnknownAlgorithm() {
    assertThat(HostKeyFingerprint.algorithmOf(new byte[] {0, 0})).isEqualTo("unknown");
    assertThat(HostKeyFingerprint.algorithmOf(new byte[] {0, 0, 0, 9, 'a'})).isEqualTo("unknown");
  }
}
