package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's man page sources and completion script come from the CLI's own model, every command included. */
class PackagedDocsTest {
  @TempDir Path dir;

  @Test
  void writesOneManPageSourcePerCommandAndTheBashCompletion() throws Exception {
    PackagedDocs.main(new String[] {dir.resolve("man").toString(), dir.resolve("completion/cul8er").toString()});

    try (Stream<Path> pages = Files.list(dir.resolve("man"))) {
      assertThat(pages.map(page -> page.getFileName().toString()))
          .contains("cul8er.adoc", "cul8er-deploy.adoc", "cul8er-lock-release.adoc", "cul8er-maintenance.adoc")
          .hasSize(Main.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter())).getSubcommands().size() + 5); // and the root, lock and rollout's two each
    }
    assertThat(dir.resolve("man/cul8er-plan.adoc")).content().contains("= cul8er-plan(1)\n")
        .contains("Shows what apply would change");
    assertThat(dir.resolve("completion/cul8er")).content()
        .contains("complete -F _complete_cul8er -o default cul8er cul8er.sh cul8er.bash\n")
        .contains("  local commands=\"validate inspect plan apply deploy status promote rollback restore rollout logs exec metrics");
  }
}
