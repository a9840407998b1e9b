package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The built jar knows its version: the manifest carries the pom's, and --version prints it. */
class VersionIT {
  private static final Path JAR = Path.of("target/cul8er.jar");

  @Test
  void theJarsManifestCarriesThePomsVersion() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version")).isEqualTo(pomVersion());
    }
  }

  @Test
  void versionPrintsThePomsVersion() throws Exception {
    Process process = CliProcess.start("--version");
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isZero();
    assertThat(out.lines().findFirst()).hasValue("cul8er " + pomVersion());
  }

  static String pomVersion() {
    try (InputStream pom = Files.newInputStream(Path.of("pom.xml"))) {
      Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom).getDocumentElement();
      for (var node = project.getFirstChild(); node != null; node = node.getNextSibling()) {
        if (node instanceof Element element && element.getTagName().equals("version")) {
          return element.getTextContent().trim();
        }
      }
      throw new AssertionError("pom.xml has no <version>");
    } catch (Exception e) {
      throw new AssertionError("cannot read the version in pom.xml: " + e.getMessage(), e);
    }
  }
}
