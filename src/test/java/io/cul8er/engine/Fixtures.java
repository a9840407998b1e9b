package io.cul8er.engine;

import io.cul8er.model.Connection;
import io.cul8er.model.EnvVar;
import io.cul8er.model.Expose;
import io.cul8er.model.Host;
import io.cul8er.model.Image;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Limits;
import io.cul8er.model.Observability;
import io.cul8er.model.Protocol;
import io.cul8er.model.Resource;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Strategy;
import io.cul8er.model.Topology;
import java.util.List;
import java.util.Optional;

/** Topologies for engine tests, built from model records. */
final class Fixtures {
  static final SourcePos AT = SourcePos.NONE;
  static final long MIB = 1024L * 1024L;

  private Fixtures() {}

  static Host localHost(String name) {
    return new Host(name, "localhost", "debian", new Connection.LocalSocket(Connection.DEFAULT_SOCKET, AT), AT);
  }

  static Resource container(String name, String host, String image, int cpus, long memoryMib) {
    return new Resource(name, InstanceType.CONTAINER, List.of(host), 1, Optional.of(Image.parse(image)),
        new Limits(Optional.of(cpus), Optional.of(memoryMib * MIB), AT), List.of(), List.of(), List.of(),
        List.of("default"), Optional.empty(), AT);
  }

  static Resource exposed(Resource r, int port, int as) {
    return new Resource(r.name(), r.type(), r.hosts(), r.replicas(), r.image(), r.limits(),
        List.of(new Expose(port, as, Protocol.HTTP, AT)), r.environment(), r.files(), r.profiles(), r.release(), AT);
  }

  static Resource replicated(Resource r, int replicas) {
    return new Resource(r.name(), r.type(), r.hosts(), replicas, r.image(), r.limits(), r.exposes(),
        r.environment(), r.files(), r.profiles(), r.release(), AT);
  }

  static Resource withSecret(Resource r, String name, String variable) {
    return new Resource(r.name(), r.type(), r.hosts(), r.replicas(), r.image(), r.limits(), r.exposes(),
        List.of(new EnvVar.Plain("MODE", "test", AT), new EnvVar.Secret(name, new SecretRef.FromEnv(variable, AT), AT)),
        r.files(), r.profiles(), r.release(), AT);
  }

  static Topology topology(String name, List<Host> hosts, List<Resource> resources) {
    return new Topology(name, hosts, resources, List.of(), Strategy.defaults(), Observability.all(),
        StateBackend.defaultFile(), AT);
  }
}
