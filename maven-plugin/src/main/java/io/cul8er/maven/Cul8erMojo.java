package io.cul8er.maven;

import io.cul8er.Project;
import io.cul8er.model.Cul8erException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the topology, its files, and running the {@code cul8er} command of the
 * same name in-process, so that output and exit codes are the CLI's.
 */
abstract class Cul8erMojo extends AbstractMojo {
  /** The topology to work on, as {@code cul8er COMMAND TOPOLOGY}. */
  @Parameter(property = "cul8er.topology", required = true)
  String topology;

  /** Topology files (comma-separated); default: cul8er/TOPOLOGY.cul8, else the project's *.cul8. */
  @Parameter(property = "cul8er.file")
  List<File> files = new ArrayList<>();

  /** Skip this goal. */
  @Parameter(property = "cul8er.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("cul8er: skipped (cul8er.skip)");
      return;
    }
    try {
      run(TopologySources.find(files.stream().map(File::toPath).toList(), project.getBasedir().toPath(), topology));
    } catch (Cul8erException e) {
      throw new MojoFailureException(e.getMessage());
    }
  }

  /** Runs the goal on the topology files found. */
  abstract void run(List<Path> topologyFiles) throws MojoExecutionException, MojoFailureException;

  /** {@code cul8er COMMAND TOPOLOGY -f FILE... OPTIONS} on the project {@code adjust} makes. */
  void cul8er(String command, List<Path> topologyFiles, UnaryOperator<Project> adjust, String... options)
      throws MojoExecutionException, MojoFailureException {
    cul8er(List.of(command, topology), topologyFiles, adjust, options);
  }

  /** {@code cul8er WORDS -f FILE... OPTIONS} on the project {@code adjust} makes. */
  static void cul8er(List<String> words, List<Path> topologyFiles, UnaryOperator<Project> adjust, String... options)
      throws MojoExecutionException, MojoFailureException {
    List<String> args = new ArrayList<>(words);
    topologyFiles.forEach(f -> args.addAll(List.of("-f", f.toString())));
    args.addAll(List.of(options));
    CliRun.of(adjust, args).orFail();
  }
}
