package io.cul8er.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

/**
 * The known_hosts file as JSch sees it (hashed entries included), remembering what it was asked so
 * a refusal can name the key, and adding a new host's key to the file only when allowed. A changed
 * key is never accepted.
 */
final class KnownHostsCheck implements HostKeyRepository {
  private static final Object APPEND_LOCK = new Object();

  /** The last key checked, and the verdict. */
  record Seen(String host, byte[] key, int verdict) {
    HostKeyFingerprint fingerprint() {
      return HostKeyFingerprint.of(key);
    }
  }

  private final HostKeyRepository file;
  private final Path path;
  private final boolean acceptNew;
  private volatile Seen seen;
  private volatile boolean added;

  KnownHostsCheck(HostKeyRepository file, Path path, boolean acceptNew) {
    this.file = file;
    this.path = path;
    this.acceptNew = acceptNew;
  }

  Optional<Seen> seen() {
    return Optional.ofNullable(seen);
  }

  /** Whether this check appended the host's key to the file. */
  boolean added() {
    return added;
  }

  @Override
  public int check(String host, byte[] key) {
    int verdict = file.check(host, key);
    seen = new Seen(host, key.clone(), verdict);
    if (verdict == NOT_INCLUDED && acceptNew) {
      append(host, key);
      added = true;
      return OK;
    }
    return verdict;
  }

  private void append(String host, byte[] key) {
    String line = host + " " + HostKeyFingerprint.algorithmOf(key) + " " + Base64.getEncoder().encodeToString(key) + "\n";
    synchronized (APPEND_LOCK) {
      try {
        Path parent = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
          Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String prefix = needsNewline() ? "\n" : "";
        Files.writeString(path, prefix + line, StandardCharsets.US_ASCII,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new SshException("Could not add the host key of " + host + " to " + path + ": " + e.getMessage(), e);
      }
    }
  }

  private boolean needsNewline() throws IOException {
    if (!Files.isRegularFile(path) || Files.size(path) == 0) {
      return false;
    }
    byte[] text = Files.readAllBytes(path);
    return text[text.length - 1] != '\n';
  }

  @Override
  public void add(HostKey hostkey, UserInfo ui) {
    file.add(hostkey, ui);
  }

  @Override
  public void remove(String host, String type) {
    file.remove(host, type);
  }

  @Override
  public void remove(String host, String type, byte[] key) {
    file.remove(host, type, key);
  }

  @Override
  public String getKnownHostsRepositoryID() {
    return path.toString();
  }

  @Override
  public HostKey[] getHostKey() {
    return file.getHostKey();
  }

  @Override
  public HostKey[] getHostKey(String host, String type) {
    return file.getHostKey(host, type);
  }
}
