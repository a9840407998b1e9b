package io.cul8er;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/architecture.md true: each package, sub-packages included, uses only the packages it
 * is allowed to. Between families (io.cul8er.engine and io.cul8er.incus.http, say) a package may
 * use a family it is allowed and all of its sub-packages; inside a family (io.cul8er.incus and
 * io.cul8er.incus.http) each sub-package it uses must be listed, so that no cycle hides there.
 */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java/io/cul8er");
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.cul8er\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");

  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("model", Set.<String>of()),
          Map.entry("dsl", Set.of("model", "dsl.ast")),
          Map.entry("dsl.ast", Set.of("model")),
          Map.entry("dsl.builder", Set.of("model", "dsl")),
          Map.entry("plan", Set.of("model")),
          Map.entry("state", Set.of("model")),
          Map.entry("state.file", Set.of("model", "state")),
          Map.entry("state.postgres", Set.of("model", "state")),
          Map.entry("incus", Set.of("model", "incus.api", "incus.endpoint")),
          Map.entry("incus.api", Set.of("model")),
          Map.entry("incus.endpoint", Set.of("model", "incus.api")),
          Map.entry("incus.http", Set.of("model", "incus", "incus.api")),
          Map.entry("incus.https", Set.of("model", "incus", "incus.api", "incus.endpoint", "incus.http", "tls")),
          Map.entry("incus.fake", Set.of("model", "incus", "incus.api", "incus.endpoint")),
          Map.entry("tls", Set.<String>of()),
          Map.entry("edge", Set.of("model", "tls")),
          Map.entry("health", Set.of("model")),
          Map.entry("ssh", Set.of("model")),
          Map.entry("network", Set.of("model")),
          Map.entry("setup", Set.of("model", "ssh", "edge", "network")),
          Map.entry("cluster", Set.of("model")),
          Map.entry("release", Set.of("model")),
          Map.entry("hooks", Set.of("model")),
          Map.entry("strategy", Set.of("model", "plan")),
          Map.entry("observe", Set.of("model")),
          Map.entry("engine", Set.of("model", "plan", "state", "incus", "ssh", "edge", "tls", "health", "release", "strategy",
              "observe", "cluster", "network", "hooks")),
          Map.entry("web", Set.of("model", "observe")),
          Map.entry("agent", Set.of("model", "state", "engine", "observe")),
          Map.entry("cli", Set.of("model", "dsl", "plan", "state", "incus", "edge", "engine", "ssh", "setup", "health",
              "observe", "release", "strategy", "cluster", "network", "web", "agent")));

  private static String family(String pkg) {
    int dot = pkg.indexOf('.');
    return dot < 0 ? pkg : pkg.substring(0, dot);
  }

  /** Whether a class of {@code owner} may use one of {@code used}. */
  static boolean allowed(String owner, String used) {
    if (used.equals(owner)) {
      return true;
    }
    Set<String> allowed = ALLOWED.get(owner);
    return family(used).equals(family(owner)) ? allowed.contains(used) : allowed.contains(family(used));
  }

  @Test
  void packagesDependOnlyOnWhatArchitectureMdAllows() throws IOException {
    List<String> violations = new ArrayList<>();
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // the io.cul8er facade may use everything but cli
        }
        String owner = relative.getParent().toString().replace('/', '.');
        packages.add(owner);
        assertThat(ALLOWED).as("package %s is listed in docs/architecture.md", owner).containsKey(owner);
        Matcher m = REFERENCE.matcher(Files.readString(file));
        while (m.find()) {
          if (!allowed(owner, m.group(1))) {
            violations.add(relative + " uses io.cul8er." + m.group(1));
          }
        }
      }
    }
    assertThat(violations).as("dependencies not allowed by docs/architecture.md").isEmpty();
    assertThat(packages).as("every listed package exists").containsAll(ALLOWED.keySet());
  }

  @Test
  void insideAFamilyEachSubPackageMustBeListedOneWay() {
    assertThat(allowed("incus.http", "incus")).isTrue();
    assertThat(allowed("incus", "incus.http")).as("the cycle incus <-> incus.http stays broken").isFalse();
    assertThat(allowed("state", "state.file")).as("the cycle state <-> state.file stays broken").isFalse();
    assertThat(allowed("engine", "incus.http")).as("another family is allowed whole").isTrue();
    assertThat(allowed("plan", "strategy")).isFalse();
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
