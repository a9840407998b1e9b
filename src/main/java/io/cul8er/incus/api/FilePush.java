package io.cul8er.incus.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A file to write into an instance. Owner and mode apply only when the file is created (Incus
 * keeps those of an existing file); missing parent directories are created, owned the same way,
 * mode 0755.
 */
public record FilePush(String path, byte[] content, int uid, int gid, int mode) {

  public FilePush {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("A file path inside an instance must be absolute: " + path);
    }
    content = content.clone();
  }

  public static FilePush of(String path, String content) {
    return new FilePush(path, content.getBytes(StandardCharsets.UTF_8), 0, 0, 0644);
  }

  public FilePush withOwner(int newUid, int newGid) {
    return new FilePush(path, content, newUid, newGid, mode);
  }

  public FilePush withMode(int newMode) {
    return new FilePush(path, content, uid, gid, newMode);
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The mode as Incus reads it: four octal digits, {@code 0644}. */
  public String octalMode() {
    return String.format("%04o", mode);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FilePush that && path.equals(that.path)
        && Arrays.equals(content, that.content) && uid == that.uid && gid == that.gid
        && mode == that.mode;
  }

  @Override
  public int hashCode() {
    return 31 * path.hashCode() + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "FilePush[" + path + ", " + content.length + " bytes, uid=" + uid + ", gid=" + gid
        + ", mode=" + octalMode() + "]";
  }
}
