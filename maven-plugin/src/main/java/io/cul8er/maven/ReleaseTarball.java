package io.cul8er.maven;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.io.FileUtils;

/**
 * Wraps a runnable jar into the release layout the engine installs (docs/deploys.md):
 *
 * <pre>
 * NAME-VERSION/bin/NAME        sh script: exec java $JAVA_OPTS -jar lib/NAME.jar (mode 755)
 * NAME-VERSION/lib/NAME.jar    the jar
 * NAME-VERSION/lib/ENTRY       each jar its manifest's Class-Path names, relative to the jar
 * NAME-VERSION/VERSION         the version and a newline
 * </pre>
 *
 * Entries are sorted, owned by 0:0 and dated {@link #EPOCH}, so the same jars give the same bytes.
 */
final class ReleaseTarball {
  /** 2000-01-01T00:00:00Z, as the examples' release builds date their entries. */
  static final long EPOCH = 946_684_800_000L;
  private static final int EXECUTABLE = 0755;
  private static final int READABLE = 0644;

  /** What one entry holds: a directory (no content), a file on disk or bytes. */
  private record Content(int mode, Path file, byte[] bytes) {}

  private ReleaseTarball() {}

  /**
   * Writes {@code NAME-VERSION.tar.gz} into {@code directory} and returns its path; {@code
   * dependencies} are the project's runtime jars, among which the Class-Path's are found by name.
   */
  static Path write(Path jar, List<Path> dependencies, String name, String version, Path directory) {
    Manifest manifest = runnableManifest(jar);
    Path tarball = directory.resolve(name + "-" + version + ".tar.gz");
    String root = name + "-" + version + "/";
    Map<String, Content> entries = new TreeMap<>();
    add(entries, root + "bin/" + name, new Content(EXECUTABLE, null, startScript(name).getBytes(StandardCharsets.UTF_8)));
    add(entries, root + "lib/" + name + ".jar", new Content(READABLE, jar, null));
    add(entries, root + "VERSION", new Content(READABLE, null, (version + "\n").getBytes(StandardCharsets.UTF_8)));
    for (String entry : classPath(manifest)) {
      add(entries, root + "lib/" + entry, new Content(READABLE, dependency(jar, entry, dependencies), null));
    }
    Path partial = null;
    try {
      Files.createDirectories(directory);
      partial = Files.createTempFile(directory, name, ".partial");
      try (OutputStream file = Files.newOutputStream(partial);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Map.Entry<String, Content> entry : entries.entrySet()) {
          write(tar, entry.getKey(), entry.getValue());
        }
      }
      return Files.move(partial, tarball, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (partial != null) {
        FileUtils.deleteQuietly(partial.toFile());
      }
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

  /** The file and its parent directories, each directory once. */
  private static void add(Map<String, Content> entries, String path, Content content) {
    entries.put(path, content);
    for (int slash = path.lastIndexOf('/', path.length() - 2); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      entries.putIfAbsent(path.substring(0, slash + 1), new Content(EXECUTABLE, null, null));
    }
  }

  private static Manifest runnableManifest(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      if (manifest == null || manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) == null) {
        throw new Cul8erException(jar + " is not a runnable jar (its manifest names no Main-Class), so `java -jar`"
            + " cannot start it; set maven-jar-plugin's <archive><manifest><mainClass>");
      }
      return manifest;
    } catch (IOException e) {
      throw new Cul8erException("Cannot read the built jar " + jar + ": " + e.getMessage(), e);
    }
  }

  private static List<String> classPath(Manifest manifest) {
    String value = manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    return value == null ? List.of() : Arrays.stream(value.trim().split("\\s+")).filter(e -> !e.isEmpty()).toList();
  }

  private static Path dependency(Path jar, String entry, List<Path> dependencies) {
    String fileName = entry.substring(entry.lastIndexOf('/') + 1);
    if (entry.startsWith("/") || entry.contains("..") || entry.contains(":")) {
      throw new Cul8erException(jar + ": its Class-Path entry " + entry + " points outside the release; a release"
          + " holds only jars beside the application's (maven-jar-plugin's <addClasspath> with a <classpathPrefix>)");
    }
    return dependencies.stream().filter(d -> d.getFileName().toString().equals(fileName)).findFirst()
        .orElseThrow(() -> new Cul8erException(jar + ": its Class-Path names " + entry + ", which is none of the"
            + " project's runtime dependencies (" + String.join(", ",
                dependencies.stream().map(d -> d.getFileName().toString()).sorted().toList()) + ")"));
  }

  private static void write(TarArchiveOutputStream tar, String path, Content content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(path);
    entry.setMode(entry.getMode() & ~0777 | content.mode()); // the type bits (directory or file) stay
    entry.setModTime(EPOCH);
    entry.setIds(0, 0);
    entry.setNames("root", "root");
    if (content.file() != null) {
      entry.setSize(Files.size(content.file()));
    } else if (content.bytes() != null) {
      entry.setSize(content.bytes().length);
    }
    tar.putArchiveEntry(entry);
    if (content.file() != null) {
      Files.copy(content.file(), tar);
    } else if (content.bytes() != null) {
      tar.write(content.bytes());
    }
    tar.closeArchiveEntry();
  }
}
