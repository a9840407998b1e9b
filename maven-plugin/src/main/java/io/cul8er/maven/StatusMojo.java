package io.cul8er.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code cul8er status}: each instance's desired and actual state, address, limits and version. */
@Mojo(name = "status", requiresProject = true, threadSafe = true)
public class StatusMojo extends Cul8erMojo {
  @Override
  void run(List<Path> topologyFiles) throws MojoExecutionException, MojoFailureException {
    cul8er("status", topologyFiles, UnaryOperator.identity());
  }
}
