package io.cul8er.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code cul8er validate}: every problem of the topology files, positioned, with hints. */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends Cul8erMojo {
  @Override
  void run(List<Path> topologyFiles) throws MojoExecutionException, MojoFailureException {
    cul8er(List.of("validate"), topologyFiles, UnaryOperator.identity());
  }
}
