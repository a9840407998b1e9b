package io.cul8er.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Asks the real ssh-keygen, so fingerprints are checked against OpenSSH rather than against ourselves. */
final class SshKeygen {
  private SshKeygen() {}

  /** {@code SHA256:...} of a public key line {@code type base64}. */
  static String fingerprint(String publicKeyLine) {
    try {
      Path file = Files.createTempFile("cul8er-key", ".pub");
      try {
        Files.writeString(file, publicKeyLine + "\n");
        return LocalSshd.run(List.of("ssh-keygen", "-lf", file.toString())).split(" ")[1];
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
