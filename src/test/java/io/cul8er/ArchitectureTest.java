package io.cul8er;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps docs/architecture.md true: each package uses only the packages it is allowed to. */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java/io/cul8er");
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.cul8er\\.([a-z]+)\\b");

  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("model", Set.<String>of()),
          Map.entry("dsl", Set.of("model")),
          Map.entry("plan", Set.of("model")),
          Map.entry("state", Set.of("model")),
          Map.entry("incus", Set.of("model")),
          Map.entry("edge", Set.of("model")),
          Map.entry("health", Set.of("model")),
          Map.entry("ssh", Set.of("model")),
          Map.entry("setup", Set.of("model", "ssh")),
          Map.entry("cluster", Set.of("model")),
          Map.entry("release", Set.of("model")),
          Map.entry("strategy", Set.of("model", "plan")),
          Map.entry("observe", Set.of("model")),
          Map.entry("engine", Set.of("model", "plan", "state", "incus", "ssh", "edge", "health", "release", "strategy",
              "observe", "cluster")),
          Map.entry("cli", Set.of("model", "dsl", "plan", "state", "incus", "edge", "engine", "ssh", "setup", "health",
              "observe", "release", "strategy", "cluster")));

  @Test
  void packagesDependOnlyOnWhatArchitectureMdAllows() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // the io.cul8er facade may use everything but cli
        }
        String owner = relative.getName(0).toString();
        Set<String> allowed = ALLOWED.get(owner);
        assertThat(allowed).as("package %s is listed in docs/architecture.md", owner).isNotNull();
        Matcher m = REFERENCE.matcher(Files.readString(file));
        while (m.find()) {
          String used = m.group(1);
          if (!used.equals(owner) && !allowed.contains(used)) {
            violations.add(relative + " uses io.cul8er." + used);
          }
        }
      }
    }
    assertThat(violations).as("dependencies not allowed by docs/architecture.md").isEmpty();
  }

  @Test
  void facadeDoesNotUseTheCommandLine() throws IOException {
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain("io.cul8er.cli");
      }
    }
  }
}
