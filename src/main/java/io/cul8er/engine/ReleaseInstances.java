package io.cul8er.engine;

import io.cul8er.model.Cul8erException;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import io.cul8er.state.StateStore;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** A resource's release and its recorded instances, by name: what logs and exec act on. */
record ReleaseInstances(Release release, List<RecordedInstance> instances) {

  ReleaseInstances {
    instances = List.copyOf(instances);
  }

  /**
   * The {@code number}th instance (1-based; the first when empty); an error lists them when there
   * is no such one.
   */
  RecordedInstance pick(java.util.OptionalInt number, String resource) {
    if (instances.isEmpty()) {
      throw new Cul8erException("Resource `" + resource + "` has no recorded instance; deploy it first");
    }
    int n = number.orElse(1);
    if (n < 1 || n > instances.size()) {
      StringBuilder listed = new StringBuilder();
      for (int i = 0; i < instances.size(); i++) {
        listed.append(i == 0 ? "" : ", ").append(i + 1).append(' ').append(instances.get(i).instanceName());
      }
      throw new Cul8erException("Resource `" + resource + "` has no instance " + n + "; --instance takes one of: "
          + listed);
    }
    return instances.get(n - 1);
  }

  /**
   * Those of {@code resource}; an error names the resources when there is none of that name, and
   * says that a resource without a release {@code withoutRelease}.
   */
  static ReleaseInstances of(Topology topology, StateStore store, String resource, String withoutRelease) {
    Resource model = topology.resource(resource).orElseThrow(() -> new Cul8erException(
        "Topology " + topology.name() + " has no resource `" + resource + "`; it has: "
            + topology.resources().stream().map(Resource::name).collect(Collectors.joining(", "))));
    Release release = model.release().orElseThrow(() -> new Cul8erException(
        "Resource `" + resource + "` of " + topology.name() + " deploys no release, so it " + withoutRelease));
    return new ReleaseInstances(release, store.init().instances().stream().filter(i -> i.resource().equals(resource))
        .sorted(Comparator.comparing(RecordedInstance::instanceName)).toList());
  }
}
