package io.cul8er.maven;

import io.cul8er.model.Cul8erException;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.Runtime;
import io.cul8er.model.Topology;
import java.util.List;
import java.util.Optional;

/**
 * The resource whose release the project builds: the one named ({@code cul8er.resource}), else the
 * only resource with a release named after the project's artifactId. Its release names the start
 * script ({@code bin/NAME}) and must run on the JVM.
 */
record ReleaseTarget(String resource, String releaseName) {

  static ReleaseTarget choose(Topology topology, Optional<String> named, String artifactId) {
    Resource chosen = named.map(name -> named(topology, name)).orElseGet(() -> onlyOneOf(topology, artifactId));
    Release release = chosen.release().orElseThrow(() -> new Cul8erException("Resource " + chosen.name()
        + " of topology " + topology.name() + " deploys no release (no `deploy release:`), so the project's"
        + " build has nowhere to go"));
    if (release.runtime() != Runtime.JVM && release.start().isEmpty()) {
      throw new Cul8erException(release.pos() + ": release " + release.name() + " of resource " + chosen.name()
          + " has runtime :" + release.runtime().name().toLowerCase(java.util.Locale.ROOT) + ", but a Maven build"
          + " makes a jar: write `runtime: :jvm`");
    }
    return new ReleaseTarget(chosen.name(), release.name());
  }

  private static Resource named(Topology topology, String name) {
    return topology.resource(name).orElseThrow(() -> new Cul8erException("Topology " + topology.name()
        + " has no resource `" + name + "` (cul8er.resource); its resources: " + names(topology.resources())));
  }

  private static Resource onlyOneOf(Topology topology, String artifactId) {
    List<Resource> matching = topology.resources().stream()
        .filter(r -> r.release().map(rel -> rel.name().equals(artifactId)).orElse(false)).toList();
    if (matching.size() == 1) {
      return matching.get(0);
    }
    String releases = topology.resources().stream().filter(r -> r.release().isPresent())
        .map(r -> r.name() + " (" + r.release().get().name() + ")").reduce((a, b) -> a + ", " + b).orElse("none");
    String problem = matching.isEmpty()
        ? "no resource deploys a release named " + artifactId + " (the project's artifactId)"
        : matching.size() + " resources deploy a release named " + artifactId + ": " + names(matching);
    throw new Cul8erException("Topology " + topology.name() + ": " + problem
        + "; name the resource to deploy the build to with -Dcul8er.resource=NAME (resources with a release: "
        + releases + ")");
  }

  private static String names(List<Resource> resources) {
    return String.join(", ", resources.stream().map(Resource::name).toList());
  }
}
