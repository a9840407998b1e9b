package io.cul8er.plan;

import io.cul8er.model.FileSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The bytes of the files a resource places in its instances. A local source path is relative to
 * the topology file that names it. Desired state records their digest, so an edited file is a
 * change in the plan.
 */
public final class FileContents {
  private FileContents() {}

  public static byte[] of(FileSpec file) {
    if (file.source() instanceof FileSpec.FileSource.Inline inline) {
      return inline.content().getBytes(StandardCharsets.UTF_8);
    }
    Path local = localPath(file);
    try {
      return Files.readAllBytes(local);
    } catch (IOException e) {
      throw new PlanException(
          "Tried to read " + local + " for file " + file.target() + " (" + file.pos() + "), but " + e);
    }
  }

  static Path localPath(FileSpec file) {
    Path local = Path.of(((FileSpec.FileSource.Local) file.source()).path());
    if (local.isAbsolute()) {
      return local;
    }
    Path topologyFile = Path.of(file.pos().file()).toAbsolutePath();
    return topologyFile.getParent().resolve(local);
  }

  /** One digest over every file's target, owner, mode and content, in order. */
  public static String digest(List<FileSpec> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (FileSpec file : files) {
        sha.update((file.target() + "\0" + file.uid() + ":" + file.gid() + ":" + Integer.toOctalString(file.mode()) + "\0")
            .getBytes(StandardCharsets.UTF_8));
        byte[] content = of(file);
        sha.update(Long.toString(content.length).getBytes(StandardCharsets.UTF_8));
        sha.update(content);
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
