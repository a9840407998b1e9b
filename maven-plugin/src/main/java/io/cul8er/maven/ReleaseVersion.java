package io.cul8er.maven;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The version a built release is deployed as: the project's, and for a SNAPSHOT a suffix of the
 * artifact's SHA-256 ({@code 1.3.0-SNAPSHOT.3f2a9c01b7de}). Instances keep every version they have
 * unpacked and never unpack one again, so each different build needs a version of its own; the same
 * bytes may share one. A dot, not semver's {@code +}: the version goes into the names of the
 * snapshots a rollout takes, and Incus refuses a {@code +} there.
 */
final class ReleaseVersion {
  static final String SNAPSHOT = "-SNAPSHOT";
  private static final int DIGEST_CHARACTERS = 12;

  private ReleaseVersion() {}

  static String of(String projectVersion, Path artifact) {
    if (!projectVersion.endsWith(SNAPSHOT)) {
      return projectVersion;
    }
    return projectVersion + "." + sha256(artifact).substring(0, DIGEST_CHARACTERS);
  }

  static String sha256(Path file) {
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw new Cul8erException("Cannot read the built artifact " + file + " to name its version: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
