package io.cul8er.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code cul8er rollback}: undoes the unfinished rollout, else deploys again the version before the
 * current one.
 */
@Mojo(name = "rollback", requiresProject = true, threadSafe = true)
public class RollbackMojo extends Cul8erMojo {
  @Override
  void run(List<Path> topologyFiles) throws MojoExecutionException, MojoFailureException {
    cul8er("rollback", topologyFiles, UnaryOperator.identity());
  }
}
