package io.cul8er.dsl;

import io.cul8er.dsl.ast.Value;
import io.cul8er.model.Balance;
import io.cul8er.model.EnvVar;
import io.cul8er.model.Expose;
import io.cul8er.model.ExposeTls;
import io.cul8er.model.FileSpec;
import io.cul8er.model.Image;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Limits;
import io.cul8er.model.Protocol;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code resource :name, type: :container, on: :host do ... end}: infrastructure and configuration. */
final class ResourceReader {
  private final Diagnostics diagnostics;
  private final Origins origins;
  private Optional<Image> image = Optional.empty();
  private SourcePos imagePos;
  private int replicas = Defaults.REPLICAS;
  private List<String> profiles = Defaults.PROFILES;
  private Limits limits;
  private Optional<Integer> cpus = Optional.empty();
  private Optional<Long> memory = Optional.empty();
  private final List<Expose> exposes = new ArrayList<>();
  private final List<EnvVar> environment = new ArrayList<>();
  private final List<FileSpec> files = new ArrayList<>();
  private Optional<Release> release = Optional.empty();
  private Optional<String> migrate = Optional.empty();
  private SourcePos migratePos;
  private Optional<Checked> hooks = Optional.empty();

  private ResourceReader(Diagnostics diagnostics, Origins origins) {
    this.diagnostics = diagnostics;
    this.origins = origins;
  }

  static Resource read(Checked resource, Diagnostics diagnostics, Origins origins) {
    return new ResourceReader(diagnostics, origins).resource(resource);
  }

  private Resource resource(Checked c) {
    String name = c.declaredName();
    InstanceType type = Defaults.INSTANCE_TYPE;
    if (c.keyword("type").isPresent()) {
      type = Choices.INSTANCE_TYPE.read(c.keyword("type").get(), diagnostics).orElse(type);
    }
    List<String> hosts = List.of();
    Optional<Value> on = c.keyword("on");
    List<Value> onItems = on.map(v -> v instanceof Value.ListOf l ? l.items() : List.of(v)).orElse(List.of());
    if (on.isEmpty() && !c.wrote("on")) {
      diagnostics.error(c.pos(), "resource `" + name + "` is not placed on a host", "add `on: :host_name` after its name");
    } else if (on.isPresent()) {
      hosts = on.get() instanceof Value.Atom a ? List.of(a.name()) : Checked.atoms(on.get());
      if (hosts.isEmpty()) {
        diagnostics.error(on.get().pos(), "resource `" + name + "` has an empty `on:` list", "name at least one host");
      }
    }
    limits = Defaults.limits(c.pos());
    Set<String> attempted = Schemas.RESOURCE.read(c.body(), diagnostics, this::setting);
    release = HooksReader.release(name, release, migrate, migratePos, hooks, diagnostics);
    Resource resource = new Resource(name, type, hosts, replicas, image, limits, exposes, environment, files,
        profiles, release, c.pos());
    for (int i = 0; i < onItems.size(); i++) {
      origins.record(resource, "on[" + i + "]", onItems.get(i).pos());
    }
    if (imagePos != null) {
      origins.record(resource, "from_image", imagePos);
    }
    if (attempted.contains("from_image")) {
      origins.markAttempted(resource, "from_image");
    }
    if (!c.has(0)) {
      origins.markBroken(resource);
    }
    return resource;
  }

  private void setting(Checked c) {
    switch (c.name()) {
      case "from_image" -> {
        image = Optional.of(Image.parse(c.string(0)));
        imagePos = c.arg(0).pos();
      }
      case "replicas" -> replicas = c.integerArg(0);
      case "profiles" -> profiles = Checked.strings(c.arg(0));
      case "limits" -> {
        Map<String, SourcePos> written = new HashMap<>();
        Schemas.LIMITS.read(c.body(), diagnostics, l -> {
          limit(l);
          written.put(l.name(), l.onlyKeyword().value().pos());
        });
        limits = new Limits(cpus, memory, c.pos());
        written.forEach((setting, pos) -> origins.record(limits, setting, pos));
      }
      case "network" -> Schemas.NETWORK.read(c.body(), diagnostics, this::expose);
      case "deploy" -> release = Optional.of(release(c));
      case "hooks" -> hooks = Optional.of(c);
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

  /** An expose with an unknown protocol is kept, marked broken, so that its ports are still checked. */
  private void expose(Checked c) {
    if (c.broken()) {
      ExposeLimitsReader.read(c, Optional.empty(), diagnostics); // its header was reported; its block is still checked
      return;
    }
    int port = Checked.narrow(c.keywordInt("port").orElseThrow());
    int as = c.keywordInt("as").map(Checked::narrow).orElse(Defaults.exposedAs(port));
    Optional<Protocol> protocol = c.keyword("protocol").isPresent()
        ? Choices.PROTOCOL.read(c.keyword("protocol").get(), diagnostics)
        : Optional.of(Defaults.PROTOCOL);
    Balance balance = c.keyword("balance").isPresent()
        ? Choices.BALANCE.read(c.keyword("balance").get(), diagnostics).orElse(Defaults.BALANCE)
        : Defaults.BALANCE;
    Expose expose = new Expose(port, as, protocol.orElse(Defaults.PROTOCOL), balance, c.pos(), tls(c, protocol),
        DomainsReader.read(c, protocol, diagnostics), ExposeLimitsReader.read(c, protocol, diagnostics));
    exposes.add(expose);
    origins.record(expose, "port", c.keyword("port").get().pos());
    c.keyword("as").ifPresent(v -> origins.record(expose, "as", v.pos()));
    c.keyword("balance").ifPresent(v -> origins.record(expose, "balance", v.pos()));
    c.keyword("domains").ifPresent(v -> origins.record(expose, "domains", v.pos()));
    c.call().block().ifPresent(b -> origins.record(expose, "limits", b.pos()));
    if (protocol.isEmpty()) {
      origins.markBroken(expose);
    }
  }

  /** {@code cert:}, {@code key:} and {@code redirect_from:} belong to {@code :https} only, cert and key together. */
  private ExposeTls tls(Checked c, Optional<Protocol> protocol) {
    Optional<SecretRef> cert = c.keyword("cert").flatMap(v -> SecretReader.fromList("`expose cert:`", v, diagnostics));
    Optional<SecretRef> key = c.keyword("key").flatMap(v -> SecretReader.fromList("`expose key:`", v, diagnostics));
    Optional<Integer> redirect = c.keywordInt("redirect_from").map(Checked::narrow);
    boolean https = protocol.equals(Optional.of(Protocol.HTTPS));
    for (String option : List.of("cert", "key", "redirect_from")) {
      if (!https && c.keyword(option).isPresent()) {
        diagnostics.error(c.keyword(option).get().pos(), "`" + option + ":` is for `protocol: :https`, where the edge"
            + " terminates TLS", "add `protocol: :https` or remove `" + option + ":`");
      }
    }
    if (https && cert.isPresent() != key.isPresent()) {
      diagnostics.error(c.pos(), "`expose` with `protocol: :https` needs both `cert:` and `key:`, or neither"
          + " (a self-signed certificate)", "add `" + (cert.isPresent() ? "key" : "cert") + ": [from: :file, path: \"...\"]`");
    }
    return new ExposeTls(cert, key, redirect);
  }

  private Release release(Checked c) {
    var runtime = Defaults.RUNTIME;
    if (c.keyword("runtime").isPresent()) {
      runtime = Choices.RUNTIME.read(c.keyword("runtime").get(), diagnostics).orElse(runtime);
    }
    migrate = c.keywordString("migrate");
    migratePos = c.keyword("migrate").map(Value::pos).orElse(null);
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
