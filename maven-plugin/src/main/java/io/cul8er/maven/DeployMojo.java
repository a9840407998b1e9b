package io.cul8er.maven;

import io.cul8er.model.Cul8erException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deploys the release this build made: {@code mvn package cul8er:deploy -Dcul8er.topology=NAME}. The
 * topology's strategy rolls it out behind the edge, health-checked, rolled back when unhealthy.
 * Without {@code cul8er.autoApprove} it is {@code cul8er apply} (shows the plan and asks on a
 * terminal), with it {@code cul8er deploy} (does not ask).
 */
@Mojo(name = "deploy", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DeployMojo extends BuiltReleaseMojo {
  /** Deploy without asking, as {@code cul8er deploy}. */
  @Parameter(property = "cul8er.autoApprove", defaultValue = "false")
  boolean autoApprove;

  @Override
  void run(List<Path> topologyFiles) throws MojoExecutionException, MojoFailureException {
    Path artifact = builtArtifact().orElseThrow(() -> new Cul8erException("Nothing to deploy to " + topology
        + ": this run built no artifact of " + project.getArtifactId() + "; run `mvn package cul8er:deploy`"));
    cul8er(autoApprove ? "deploy" : "apply", topologyFiles, withBuiltRelease(topologyFiles, artifact));
  }
}
