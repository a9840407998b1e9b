package io.cul8er.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Run by the build (pom.xml, {@code prepare-package}), never by users: writes the man pages'
 * AsciiDoc sources (one per command, which the build turns into roff) and the bash completion
 * script, both from the same picocli model the CLI runs, so they cannot drift from it.
 */
public final class PackagedDocs {
  private PackagedDocs() {}

  /** {@code args}: the man pages' AsciiDoc directory, then the completion script's path. */
  public static void main(String[] args) throws IOException {
    CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    File manDir = new File(args[0]);
    Files.createDirectories(manDir.toPath());
    int failed = ManPageGenerator.generateManPage(manDir, null, new boolean[0], true, cli.getCommandSpec());
    if (failed != 0) {
      throw new IOException("picocli's man page generator failed for " + manDir);
    }
    Path completion = Path.of(args[1]);
    Files.createDirectories(completion.getParent());
    Files.writeString(completion, AutoComplete.bash("cul8er", cli), StandardCharsets.UTF_8);
  }
}
