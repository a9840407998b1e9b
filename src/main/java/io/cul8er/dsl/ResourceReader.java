package io.cul8er.dsl;

import io.cul8er.dsl.ast.Value;
import io.cul8er.model.EnvVar;
import io.cul8er.model.Expose;
import io.cul8er.model.FileSpec;
import io.cul8er.model.Image;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Limits;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code resource :name, type: :container, on: :host do ... end}: infrastructure and configuration. */
final class ResourceReader {
  private final Diagnostics diagnostics;
  private Optional<Image> image = Optional.empty();
  private int replicas = Defaults.REPLICAS;
  private List<String> profiles = Defaults.PROFILES;
  private Limits limits = Limits.none();
  private Optional<Integer> cpus = Optional.empty();
  private Optional<Long> memory = Optional.empty();
  private final List<Expose> exposes = new ArrayList<>();
  private final List<EnvVar> environment = new ArrayList<>();
  private final List<FileSpec> files = new ArrayList<>();
  private Optional<Release> release = Optional.empty();

  private ResourceReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  static Resource read(Checked resource, Diagnostics diagnostics) {
    return new ResourceReader(diagnostics).resource(resource);
  }

  private Resource resource(Checked c) {
    String name = c.atom(0);
    InstanceType type = Defaults.INSTANCE_TYPE;
    if (c.keyword("type").isPresent()) {
      type = Choices.INSTANCE_TYPE.read(c.keyword("type").get(), diagnostics).orElse(type);
    }
    List<String> hosts = List.of();
    Optional<Value> on = c.keyword("on");
    if (on.isEmpty()) {
      diagnostics.error(c.pos(), "resource `" + name + "` is not placed on a host", "add `on: :host_name` after its name");
    } else {
      hosts = on.get() instanceof Value.Atom a ? List.of(a.name()) : Checked.atoms(on.get());
      if (hosts.isEmpty()) {
        diagnostics.error(on.get().pos(), "resource `" + name + "` has an empty `on:` list", "name at least one host");
      }
    }
    Schemas.RESOURCE.read(c.body(), diagnostics, this::setting);
    return new Resource(name, type, hosts, replicas, image, limits, exposes, environment, files,
        profiles, release, c.pos());
  }

  private void setting(Checked c) {
    switch (c.name()) {
      case "from_image" -> image = Optional.of(Image.parse(c.string(0)));
      case "replicas" -> replicas = c.integerArg(0);
      case "profiles" -> profiles = Checked.strings(c.arg(0));
      case "limits" -> {
        Schemas.LIMITS.read(c.body(), diagnostics, this::limit);
        limits = new Limits(cpus, memory, c.pos());
      }
      case "network" -> Schemas.NETWORK.read(c.body(), diagnostics, this::expose);
      case "deploy" -> release = Optional.of(release(c));
      case "env", "secret" -> environment(c);
      case "environment" -> Schemas.ENVIRONMENT.read(c.body(), diagnostics, this::environment);
      case "file" -> file(c);
      default -> throw new IllegalStateException("no reader for resource setting " + c.name());
    }
  }

  private void limit(Checked c) {
    if (c.name().equals("cpu")) {
      cpus = Optional.of(Checked.narrow(c.keywordInt("cores").orElseThrow()));
    } else {
      memory = Units.bytes(c, diagnostics);
    }
  }

  private void expose(Checked c) {
    int port = Checked.narrow(c.keywordInt("port").orElseThrow());
    int as = c.keywordInt("as").map(Checked::narrow).orElse(Defaults.exposedAs(port));
    var protocol = Defaults.PROTOCOL;
    if (c.keyword("protocol").isPresent()) {
      var read = Choices.PROTOCOL.read(c.keyword("protocol").get(), diagnostics);
      if (read.isEmpty()) {
        return;
      }
      protocol = read.get();
    }
    exposes.add(new Expose(port, as, protocol, c.pos()));
  }

  private Release release(Checked c) {
    var runtime = Defaults.RUNTIME;
    if (c.keyword("runtime").isPresent()) {
      runtime = Choices.RUNTIME.read(c.keyword("runtime").get(), diagnostics).orElse(runtime);
    }
    return new Release(
        c.keywordAtom("release").orElseThrow(),
        c.keywordString("version").orElseThrow(),
        runtime,
        c.keywordString("artifact"),
        c.keywordString("start"),
        c.pos());
  }

  private void environment(Checked c) {
    if (c.name().equals("env")) {
      environment.add(new EnvVar.Plain(c.string(0), c.string(1), c.pos()));
    } else {
      SecretReader.fromKeywords(c, diagnostics)
          .ifPresent(ref -> environment.add(new EnvVar.Secret(c.string(0), ref, c.pos())));
    }
  }

  private void file(Checked c) {
    Optional<String> content = c.keywordString("content");
    Optional<String> source = c.keywordString("source");
    if (content.isPresent() == source.isPresent()) {
      diagnostics.error(c.pos(), "`file` needs exactly one of content: and source:",
          "write `file \"" + c.string(0) + "\", source: \"conf/app.conf\"` or `content: \"...\"`");
      return;
    }
    FileSpec.FileSource from = content.isPresent()
        ? new FileSpec.FileSource.Inline(content.get())
        : new FileSpec.FileSource.Local(source.get());
    files.add(new FileSpec(
        c.string(0),
        from,
        c.keywordInt("mode").map(Checked::narrow).orElse(Defaults.FILE_MODE),
        c.keywordInt("uid").map(Checked::narrow).orElse(Defaults.FILE_UID),
        c.keywordInt("gid").map(Checked::narrow).orElse(Defaults.FILE_GID),
        c.pos()));
  }
}
