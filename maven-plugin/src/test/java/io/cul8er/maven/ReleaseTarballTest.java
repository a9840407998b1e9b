package io.cul8er.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseTarballTest {
  @TempDir Path dir;

  @Test
  void aRunnableJarBecomesTheReleaseLayoutTheEngineInstalls() throws IOException {
    Path jar = jar("hello.web.HelloWeb", null);

    Path tarball = ReleaseTarball.write(jar, List.of(), "hello-web", "1.3.0", dir.resolve("out"));

    assertThat(tarball).isEqualTo(dir.resolve("out/hello-web-1.3.0.tar.gz"));
    assertThat(listing(tarball)).containsExactly(
        "hello-web-1.3.0/ 40755 0:0 946684800",
        "hello-web-1.3.0/VERSION 100644 0:0 946684800",
        "hello-web-1.3.0/bin/ 40755 0:0 946684800",
        "hello-web-1.3.0/bin/hello-web 100755 0:0 946684800",
        "hello-web-1.3.0/lib/ 40755 0:0 946684800",
        "hello-web-1.3.0/lib/hello-web.jar 100644 0:0 946684800");
    assertThat(content(tarball, "hello-web-1.3.0/VERSION")).isEqualTo("1.3.0\n");
    assertThat(content(tarball, "hello-web-1.3.0/bin/hello-web")).isEqualTo(ReleaseTarball.startScript("hello-web"));
    assertThat(content(tarball, "hello-web-1.3.0/lib/hello-web.jar"))
        .isEqualTo(new String(Files.readAllBytes(jar), StandardCharsets.ISO_8859_1));
    try (var files = Files.list(dir.resolve("out"))) {
      assertThat(files).containsExactly(tarball);
    }
  }

  @Test
  void theJarsItsClassPathNamesGoWhereTheClassPathLooksForThem() throws IOException {
    Path jar = jar("shop.Main", "lib/jackson-core-2.17.0.jar lib/slf4j-api-2.0.17.jar");
    Path jackson = Files.writeString(dir.resolve("jackson-core-2.17.0.jar"), "jackson");
    Path slf4j = Files.writeString(dir.resolve("slf4j-api-2.0.17.jar"), "slf4j");
    Path unused = Files.writeString(dir.resolve("junit.jar"), "junit");

    Path tarball = ReleaseTarball.write(jar, List.of(unused, slf4j, jackson), "shop", "2.0.0", dir.resolve("out"));

    assertThat(listing(tarball)).filteredOn(line -> line.startsWith("shop-2.0.0/lib/")).containsExactly(
        "shop-2.0.0/lib/ 40755 0:0 946684800",
        "shop-2.0.0/lib/lib/ 40755 0:0 946684800",
        "shop-2.0.0/lib/lib/jackson-core-2.17.0.jar 100644 0:0 946684800",
        "shop-2.0.0/lib/lib/slf4j-api-2.0.17.jar 100644 0:0 946684800",
        "shop-2.0.0/lib/shop.jar 100644 0:0 946684800");
    assertThat(content(tarball, "shop-2.0.0/lib/lib/slf4j-api-2.0.17.jar")).isEqualTo("slf4j");
  }

  @Test
  void aClassPathEntryThatIsNoDependencyOrOutsideTheReleaseIsRefused() throws IOException {
    Path missing = jar("shop.Main", "lib/guava-33.jar");
    Path dep = Files.writeString(dir.resolve("jackson-core-2.17.0.jar"), "jackson");

    assertThatThrownBy(() -> ReleaseTarball.write(missing, List.of(dep), "shop", "2.0.0", dir))
        .isInstanceOf(Cul8erException.class)
        .hasMessage(missing + ": its Class-Path names lib/guava-33.jar, which is none of the project's runtime"
            + " dependencies (jackson-core-2.17.0.jar)");
    Path outside = jar("shop.Main", "../shared/guava-33.jar");
    assertThatThrownBy(() -> ReleaseTarball.write(outside, List.of(dep), "shop", "2.0.0", dir))
        .isInstanceOf(Cul8erException.class)
        .hasMessage(outside + ": its Class-Path entry ../shared/guava-33.jar points outside the release; a release"
            + " holds only jars beside the application's (maven-jar-plugin's <addClasspath> with a <classpathPrefix>)");
  }

  @Test
  void theStartScriptExecsJavaOnTheJarWithTheOptionsGiven() {
    assertThat(ReleaseTarball.startScript("api").lines().filter(l -> l.startsWith("exec ")))
        .containsExactly("exec \"$java\" $JAVA_OPTS -jar \"$here/../lib/api.jar\" \"$@\"");
  }

  @Test
  void theSameJarGivesTheSameBytes() throws IOException {
    Path jar = jar("hello.web.HelloWeb", null);

    byte[] first = Files.readAllBytes(ReleaseTarball.write(jar, List.of(), "hello-web", "1.3.0", dir.resolve("a")));
    byte[] second = Files.readAllBytes(ReleaseTarball.write(jar, List.of(), "hello-web", "1.3.0", dir.resolve("b")));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void aJarWithoutMainClassIsRefusedWithHowToFixIt() throws IOException {
    Path jar = jar(null, null);

    assertThatThrownBy(() -> ReleaseTarball.write(jar, List.of(), "hello-web", "1.3.0", dir))
        .isInstanceOf(Cul8erException.class)
        .hasMessage(jar + " is not a runnable jar (its manifest names no Main-Class), so `java -jar` cannot start it;"
            + " set maven-jar-plugin's <archive><manifest><mainClass>");
  }

  private Path jar(String mainClass, String classPath) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    if (classPath != null) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    Path jar = Files.createTempFile(dir, "app", ".jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      return jar;
    }
  }

  private static List<String> listing(Path tarball) throws IOException {
    List<String> lines = new ArrayList<>();
    try (TarArchiveInputStream tar = open(tarball)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        lines.add(e.getName() + " " + Integer.toOctalString(e.getMode()) + " " + e.getLongUserId() + ":"
            + e.getLongGroupId() + " " + e.getModTime().getTime() / 1000);
      }
    }
    return lines;
  }

  private static String content(Path tarball, String name) throws IOException {
    try (TarArchiveInputStream tar = open(tarball)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.getName().equals(name)) {
          return new String(tar.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
      }
    }
    throw new AssertionError(name + " is not in " + tarball);
  }

  private static TarArchiveInputStream open(Path tarball) throws IOException {
    InputStream in = Files.newInputStream(tarball);
    return new TarArchiveInputStream(new GzipCompressorInputStream(in));
  }
}
