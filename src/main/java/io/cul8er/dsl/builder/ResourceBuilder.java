package io.cul8er.dsl.builder;

import io.cul8er.dsl.Defaults;
import io.cul8er.model.EnvVar;
import io.cul8er.model.Balance;
import io.cul8er.model.EdgeLimits;
import io.cul8er.model.Expose;
import io.cul8er.model.FileSpec;
import io.cul8er.model.Image;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Limits;
import io.cul8er.model.Protocol;
import io.cul8er.model.Release;
import io.cul8er.model.ReleaseHooks;
import io.cul8er.model.Resource;
import io.cul8er.model.Runtime;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A resource: placement, image, limits, network, configuration and release. */
public final class ResourceBuilder {
  private final String name;
  private InstanceType type = Defaults.INSTANCE_TYPE;
  private List<String> hosts = List.of();
  private int replicas = Defaults.REPLICAS;
  private Optional<Image> image = Optional.empty();
  private Optional<Integer> cpus = Optional.empty();
  private Optional<Long> memory = Optional.empty();
  private final List<Expose> exposes = new ArrayList<>();
  private final List<EnvVar> environment = new ArrayList<>();
  private final List<FileSpec> files = new ArrayList<>();
  private List<String> profiles = Defaults.PROFILES;
  private Optional<Release> release = Optional.empty();

  ResourceBuilder(String name) {
    this.name = name;
  }

  public ResourceBuilder type(InstanceType value) {
    type = value;
    return this;
  }

  /** The hosts the replicas are spread over, round-robin. */
  public ResourceBuilder on(String... hostNames) {
    hosts = List.of(hostNames);
    return this;
  }

  public ResourceBuilder replicas(int count) {
    replicas = count;
    return this;
  }

  /** {@code "images:alpine/3.19"} or a local alias such as {@code "my-image"}. */
  public ResourceBuilder image(String reference) {
    image = Optional.of(Image.parse(reference));
    return this;
  }

  public ResourceBuilder cpu(int cores) {
    cpus = Optional.of(cores);
    return this;
  }

  public ResourceBuilder memoryBytes(long bytes) {
    memory = Optional.of(bytes);
    return this;
  }

  public ResourceBuilder memoryMegabytes(long megabytes) {
    return memoryBytes(megabytes << 20);
  }

  /** Binary gigabytes, as in the DSL: 1 GB = 1024^3 bytes. */
  public ResourceBuilder memoryGigabytes(long gigabytes) {
    return memoryBytes(gigabytes << 30);
  }

  public ResourceBuilder expose(int port, int as, Protocol protocol) {
    return expose(port, as, protocol, settings -> { });
  }

  /** {@code balance}: how each host's edge treats other hosts' instances of the service. */
  public ResourceBuilder expose(int port, int as, Protocol protocol, Balance balance) {
    return expose(port, as, protocol, settings -> settings.balance(balance));
  }

  /** {@code limits}: what the edge allows the port's clients and instances (the DSL's {@code expose ... do ... end}). */
  public ResourceBuilder expose(int port, int as, Protocol protocol, EdgeLimits limits) {
    return expose(port, as, protocol, settings -> settings.limits(limits));
  }

  /** Any of the port's settings: balance, TLS, domains, limits ({@link ExposeBuilder}). */
  public ResourceBuilder expose(int port, int as, Protocol protocol, Consumer<ExposeBuilder> settings) {
    ExposeBuilder expose = new ExposeBuilder(port, as, protocol);
    settings.accept(expose);
    exposes.add(expose.build());
    return this;
  }

  public ResourceBuilder expose(int port) {
    return expose(port, Defaults.exposedAs(port), Defaults.PROTOCOL);
  }

  public ResourceBuilder env(String key, String value) {
    environment.add(new EnvVar.Plain(key, value, SourcePos.NONE));
    return this;
  }

  public ResourceBuilder secret(String key, SecretRef source) {
    environment.add(new EnvVar.Secret(key, source, SourcePos.NONE));
    return this;
  }

  public ResourceBuilder fileContent(String target, String content) {
    return file(target, new FileSpec.FileSource.Inline(content), Defaults.FILE_MODE, Defaults.FILE_UID, Defaults.FILE_GID);
  }

  public ResourceBuilder fileFrom(String target, String localPath, int mode, int uid, int gid) {
    return file(target, new FileSpec.FileSource.Local(localPath), mode, uid, gid);
  }

  private ResourceBuilder file(String target, FileSpec.FileSource source, int mode, int uid, int gid) {
    files.add(new FileSpec(target, source, mode, uid, gid, SourcePos.NONE));
    return this;
  }

  public ResourceBuilder profiles(String... names) {
    profiles = List.of(names);
    return this;
  }

  public ResourceBuilder release(String releaseName, String version) {
    return release(releaseName, version, Defaults.RUNTIME, null, null);
  }

  /** {@code artifact} and {@code start} may be null for the runtime's defaults. */
  public ResourceBuilder release(String releaseName, String version, Runtime runtime, String artifact, String start) {
    release = Optional.of(new Release(releaseName, version, runtime, Optional.ofNullable(artifact),
        Optional.ofNullable(start), SourcePos.NONE));
    return this;
  }

  /**
   * {@code beforeSwitch} (a migration) and {@code afterDeploy}, run in one instance of a new
   * version (either may be null); after {@link #release}. As the DSL's {@code hooks do ... end}.
   */
  public ResourceBuilder hooks(String beforeSwitch, String afterDeploy, java.time.Duration timeout) {
    Release current = release.orElseThrow(() -> new IllegalStateException(
        "resource `" + name + "`: hooks run in a release's instance; call release(...) first"));
    release = Optional.of(new Release(current.name(), current.version(), current.runtime(), current.artifact(),
        current.start(), new ReleaseHooks(Optional.ofNullable(beforeSwitch), Optional.ofNullable(afterDeploy), timeout,
            SourcePos.NONE), SourcePos.NONE));
    return this;
  }

  /** A migration, with the default timeout: {@code deploy release: ..., migrate: "..."}. */
  public ResourceBuilder migrate(String command) {
    return hooks(command, release.flatMap(r -> r.hooks().afterDeploy()).orElse(null), ReleaseHooks.DEFAULT_TIMEOUT);
  }

  Resource build() {
    Limits limits = new Limits(cpus, memory, SourcePos.NONE);
    return new Resource(name, type, hosts, replicas, image, limits, exposes, environment, files, profiles,
        release, SourcePos.NONE);
  }
}
