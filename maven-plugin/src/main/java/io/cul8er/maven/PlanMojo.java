package io.cul8er.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code cul8er plan}: what deploy would change. After {@code package}, with the built release in
 * place; without a built artifact, the topology as written.
 */
@Mojo(name = "plan", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class PlanMojo extends BuiltReleaseMojo {
  @Override
  void run(List<Path> topologyFiles) throws MojoExecutionException, MojoFailureException {
    UnaryOperator<io.cul8er.Project> adjust = builtArtifact().map(a -> withBuiltRelease(topologyFiles, a))
        .orElseGet(() -> {
          getLog().info("cul8er: no built artifact in this run (`mvn package cul8er:plan` plans the build):"
              + " planning the topology as written");
          return UnaryOperator.identity();
        });
    cul8er("plan", topologyFiles, adjust);
  }
}
