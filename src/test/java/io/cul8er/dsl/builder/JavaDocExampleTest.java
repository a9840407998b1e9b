package io.cul8er.dsl.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.Dsl;
import io.cul8er.dsl.ParseResult;
import io.cul8er.model.Topology;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ```java example of docs/dsl.md, taken from the page, compiled against the main classes and
 * run: it builds the same model as the same topology written in the DSL.
 */
class JavaDocExampleTest {
  private static final Path DOC = Path.of("docs/dsl.md");
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final Pattern RESULT = Pattern.compile("Topology (\\w+) =");

  private static final String SAME_IN_THE_DSL = """
      topology :prod do
        host :local do
          address "localhost"
          platform :debian
        end
        resource :web, type: :container, on: :local do
          from_image "cul8er/busybox"
          limits do
            cpu cores: 2
            memory gigabytes: 2
          end
          network do
            expose port: 80, as: 8080, protocol: :http
          end
        end
        cluster :web do
          nodes [:web]
          discovery strategy: Cluster.Strategy.Epmd
          cookie from: :system, key: "RELEASE_COOKIE"
        end
        strategy do
          approach :rolling
          healthcheck do
            endpoint "http://localhost/health"
          end
        end
      end
      """;

  @TempDir Path dir;

  @Test
  void theDocumentedJavaExampleBuildsTheModelOfTheSameDsl() throws Exception {
    ParseResult parsed = Dsl.parse("prod.cul8", SAME_IN_THE_DSL);
    assertThat(parsed.topologies()).as(parsed.render()).hasSize(1);

    assertThat(documentedExample().get()).isEqualTo(parsed.topologies().get(0));
  }

  /** Compiles the page's example as the body of a method returning the topology it builds. */
  private Supplier<Topology> documentedExample() throws Exception {
    String example = javaBlock();
    Matcher result = RESULT.matcher(example);
    assertThat(result.find()).as("the example assigns a Topology").isTrue();
    Path source = dir.resolve("docexample/DocExample.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package docexample;

        import io.cul8er.dsl.*;
        import io.cul8er.dsl.builder.*;
        import io.cul8er.model.*;
        import java.util.List;

        public final class DocExample implements java.util.function.Supplier<Topology> {
          @Override
          public Topology get() {
        %s
            return %s;
          }
        }
        """.formatted(example, result.group(1)));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled = javac.getTask(errors, null, null,
        List.of("-classpath", Path.of("target/classes").toAbsolutePath().toString(), "-d", dir.toString()), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
    assertThat(compiled).as("docs/dsl.md's Java example does not compile:\n" + errors).isTrue();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      @SuppressWarnings("unchecked")
      Supplier<Topology> supplier = (Supplier<Topology>) loader.loadClass("docexample.DocExample")
          .getDeclaredConstructor().newInstance();
      return supplier;
    }
  }

  private static String javaBlock() throws IOException {
    Matcher block = JAVA_BLOCK.matcher(Files.readString(DOC));
    assertThat(block.find()).as(DOC + " has a ```java example").isTrue();
    return block.group(1);
  }
}
