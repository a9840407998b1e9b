package io.cul8er.maven;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Wraps a runnable jar into the release layout the engine installs (docs/deploys.md):
 *
 * <pre>
 * NAME-VERSION/bin/NAME        sh script: exec java $JAVA_OPTS -jar lib/NAME.jar (mode 755)
 * NAME-VERSION/lib/NAME.jar    the jar
 * NAME-VERSION/VERSION         the version and a newline
 * </pre>
 *
 * Entries are sorted, owned by 0:0 and dated {@link #EPOCH}, so the same jar gives the same bytes.
 */
final class ReleaseTarball {
  /** 2000-01-01T00:00:00Z, as the examples' release builds date their entries. */
  static final long EPOCH = 946_684_800_000L;

  private ReleaseTarball() {}

  /** Writes {@code NAME-VERSION.tar.gz} into {@code directory} and returns its path. */
  static Path write(Path jar, String name, String version, Path directory) {
    requireRunnable(jar);
    Path tarball = directory.resolve(name + "-" + version + ".tar.gz");
    try {
      Files.createDirectories(directory);
      Path partial = Files.createTempFile(directory, name, ".partial");
      try (OutputStream file = Files.newOutputStream(partial);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        String root = name + "-" + version + "/";
        directory(tar, root);
        directory(tar, root + "bin/");
        file(tar, root + "bin/" + name, 0755, startScript(name).getBytes(StandardCharsets.UTF_8));
        directory(tar, root + "lib/");
        file(tar, root + "lib/" + name + ".jar", 0644, Files.readAllBytes(jar));
        file(tar, root + "VERSION", 0644, (version + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return Files.move(partial, tarball, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new Cul8erException("Cannot write the release " + tarball + " from " + jar + ": " + e.getMessage(), e);
    }
  }

  /** The start script: the supervisor's signals reach the JVM, which takes the script's PID. */
  static String startScript(String name) {
    return """
        #!/bin/sh
        # Starts %1$s from its unpacked release (written by cul8er-maven-plugin).
        # Environment: JAVA_HOME (else java on PATH), JAVA_OPTS (extra JVM options).
        here=$(cd "$(dirname "$0")" && pwd) || exit 1
        java=${JAVA_HOME:+$JAVA_HOME/bin/java}
        if [ -z "$java" ] || [ ! -x "$java" ]; then
            java=$(command -v java) || {
                echo "%1$s: cannot start: no java in \\$JAVA_HOME/bin nor on PATH" >&2
                exit 127
            }
        fi
        # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
        exec "$java" $JAVA_OPTS -jar "$here/../lib/%1$s.jar" "$@"
        """.formatted(name);
  }

  private static void requireRunnable(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      var manifest = file.getManifest();
      if (manifest == null || manifest.getMainAttributes().getValue("Main-Class") == null) {
        throw new Cul8erException(jar + " is not a runnable jar (its manifest names no Main-Class), so `java -jar`"
            + " cannot start it; set maven-jar-plugin's <archive><manifest><mainClass>");
      }
    } catch (IOException e) {
      throw new Cul8erException("Cannot read the built jar " + jar + ": " + e.getMessage(), e);
    }
  }

  private static void directory(TarArchiveOutputStream tar, String path) throws IOException {
    TarArchiveEntry entry = entry(path, 0755);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String path, int mode, byte[] content) throws IOException {
    TarArchiveEntry entry = entry(path, mode);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry entry(String path, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(path);
    entry.setMode(entry.getMode() & ~0777 | mode); // the type bits (directory or file) stay
    entry.setModTime(EPOCH);
    entry.setIds(0, 0);
    entry.setNames("root", "root");
    return entry;
  }
}
