package io.cul8er.release;

import io.cul8er.model.Cul8erException;
import io.cul8er.model.Release;
import io.cul8er.model.SourcePos;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a release's artifact on the machine running C U L8er. The {@code artifact:} pattern, or by
 * default {@code releases/{name}-{version}.tar.gz}, is resolved against the directory of the file
 * that declares the release ({@code mix release} with the {@code :tar} step and the examples'
 * build scripts write there).
 */
public final class Artifacts {
  public static final String DEFAULT_PATTERN = "releases/{name}-{version}.tar.gz";

  private Artifacts() {}

  public static String pattern(Release release) {
    return release.artifact().orElse(DEFAULT_PATTERN);
  }

  /** The artifact's path for {@code version}, whether or not it exists. */
  public static Path path(Release release, String version) {
    String relative = pattern(release).replace("{name}", release.name()).replace("{version}", version);
    Path given = Path.of(relative);
    if (given.isAbsolute()) {
      return given;
    }
    return baseDirectory(release.pos()).resolve(given).normalize();
  }

  /** The artifact for {@code version}; a user error naming where it was looked for when missing. */
  public static Path locate(Release release, String version) {
    Path path = path(release, version);
    if (!Files.isRegularFile(path)) {
      throw new Cul8erException(release.pos() + ": release " + release.name() + " " + version
          + " has no artifact at " + path + " (pattern \"" + pattern(release) + "\"); build it there,"
          + " or point `artifact:` at where your build writes it");
    }
    return path;
  }

  private static Path baseDirectory(SourcePos pos) {
    // Positions compare equal whatever they hold; a Java-built release names no file ("<java>").
    if (pos.file().startsWith("<")) {
      return Path.of("").toAbsolutePath();
    }
    Path parent = Path.of(pos.file()).toAbsolutePath().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }
}
