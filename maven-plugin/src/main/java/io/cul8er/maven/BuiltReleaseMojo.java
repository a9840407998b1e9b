package io.cul8er.maven;

import io.cul8er.CUL8er;
import io.cul8er.Project;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that works on the release the build has just made: the project's artifact, a runnable jar
 * wrapped into a release tarball (or a {@code .tar.gz} taken as it is), at the project's version.
 */
abstract class BuiltReleaseMojo extends Cul8erMojo {
  static final String TARBALL = ".tar.gz";
  private static final java.util.Set<String> RUNTIME_SCOPES = java.util.Set.of("compile", "runtime");

  /** The resource that gets the built release; default: the only one whose release is the artifactId. */
  @Parameter(property = "cul8er.resource")
  String resource;

  /** Where the release tarball is written. */
  @Parameter(defaultValue = "${project.build.directory}/cul8er", readonly = true)
  File releaseDirectory;

  /** The built artifact, when this run has built one ({@code mvn package cul8er:GOAL}). */
  Optional<Path> builtArtifact() {
    File file = project.getArtifact() == null ? null : project.getArtifact().getFile();
    return file != null && file.isFile() ? Optional.of(file.toPath()) : Optional.empty();
  }

  /** The files of the project's compile and runtime dependencies (Maven resolves them for plan and deploy). */
  List<Path> runtimeJars() {
    return project.getArtifacts().stream()
        .filter(a -> RUNTIME_SCOPES.contains(a.getScope()) && a.getFile() != null)
        .map(a -> a.getFile().toPath()).toList();
  }

  /** The project with the built {@code artifact} as the release of the chosen resource. */
  UnaryOperator<Project> withBuiltRelease(List<Path> topologyFiles, Path artifact) {
    ReleaseTarget target = ReleaseTarget.choose(
        CUL8er.load(topologyFiles).model(topology), Optional.ofNullable(resource), project.getArtifactId());
    String version = ReleaseVersion.of(project.getVersion(), artifact);
    Path tarball = artifact.getFileName().toString().endsWith(TARBALL)
        ? artifact
        : ReleaseTarball.write(artifact, runtimeJars(), target.releaseName(), version, releaseDirectory.toPath());
    getLog().info("cul8er: release " + target.releaseName() + " " + version + " for resource " + target.resource()
        + " of " + topology + ": " + tarball);
    return p -> p.withBuiltRelease(topology, target.resource(), version, tarball);
  }
}
