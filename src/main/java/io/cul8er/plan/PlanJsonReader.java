package io.cul8er.plan;

import io.cul8er.model.RouteDrift;
import io.cul8er.model.FileSpec;
import io.cul8er.model.Image;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Release;
import io.cul8er.model.ReleaseHooks;
import io.cul8er.model.Runtime;
import io.cul8er.model.SourcePos;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Turns the fields of a saved plan back into a {@link SavedPlan}, checking it as it goes. */
final class PlanJsonReader {
  private PlanJsonReader() {}

  static SavedPlan read(JsonFields root) {
    String topology = root.text("topology");
    Map<String, InstanceSpec> specs = new LinkedHashMap<>();
    for (JsonFields field : root.list("specs")) {
      InstanceSpec spec = spec(field);
      if (!spec.topology().equals(topology)) {
        throw new PlanException(
            "the spec of " + spec.instanceName() + " belongs to topology " + spec.topology() + ", not " + topology);
      }
      specs.put(spec.host() + "/" + spec.instanceName(), spec);
    }
    List<Change> changes = new ArrayList<>();
    for (JsonFields field : root.list("changes")) {
      changes.add(change(field, specs));
    }
    List<Drift> drift =
        root.list("drift").stream()
            .map(
                d ->
                    new Drift(
                        d.text("instance"),
                        d.text("resource"),
                        d.text("host"),
                        d.enumValue("reason", Reason.class),
                        attributes(d)))
            .toList();
    List<Conflict> conflicts =
        root.list("conflicts").stream()
            .map(c -> new Conflict(c.text("instance"), c.text("host"), c.text("problem")))
            .toList();
    List<HostProblem> unreachable =
        root.list("unreachable").stream()
            .map(u -> new HostProblem(u.text("host"), u.text("reason")))
            .toList();
    List<ImageProblem> imageProblems =
        root.optionalList("imageProblems").stream()
            .map(i -> new ImageProblem(i.text("instance"), i.text("host"), i.text("image"), i.text("problem")))
            .toList();
    List<ImageCopy> imageCopies = root.optionalList("imageCopies").stream()
        .map(c -> new ImageCopy(c.text("host"), c.text("image"), c.text("fingerprint"), c.text("source"),
            c.texts("instances"))).toList();
    List<EdgeDrift> edgeDrift = root.optionalList("edgeDrift").stream()
        .map(e -> new EdgeDrift(e.text("host"), e.text("what"))).toList();
    List<PortProblem> portProblems = root.optionalList("portProblems").stream()
        .map(p -> new PortProblem(p.text("host"), (int) p.number("port"), p.text("holder"))).toList();
    List<ImageUpdate> imageUpdates = root.optionalList("imageUpdates").stream()
        .map(u -> new ImageUpdate(u.text("instance"), u.text("resource"), u.text("host"), u.text("image"),
            u.text("running"), u.text("current"))).toList();
    List<EdgeProblem> edgeProblems = root.optionalList("edgeProblems").stream()
        .map(p -> new EdgeProblem(p.text("host"), p.text("problem"))).toList();
    List<RouteDrift> routeDrift = root.optionalList("routeDrift").stream()
        .map(d -> new RouteDrift(d.text("host"), d.text("kind"), d.text("what"))).toList();
    List<TlsCertificate> certificates = root.optionalList("certificates").stream()
        .map(c -> new TlsCertificate(c.text("service"), (int) c.number("port"), c.text("digest"),
            c.optionalText("recorded"), c.optionalList("warnings").isEmpty() ? List.of() : c.texts("warnings")))
        .toList();
    Plan plan =
        new Plan(
            topology,
            root.text("lineage"),
            root.number("serial"),
            root.text("desiredHash"),
            changes,
            drift,
            conflicts,
            unreachable,
            imageProblems,
            edgeDrift,
            portProblems,
            imageUpdates,
            imageCopies,
            edgeProblems,
            routeDrift,
            certificates);
    return new SavedPlan(plan, instant(root, "createdAt"));
  }

  private static Change change(JsonFields field, Map<String, InstanceSpec> specs) {
    Action action = field.enumValue("action", Action.class);
    String instance = field.text("instance");
    String host = field.text("host");
    Optional<Before> before =
        field.optionalObject("before").map(b -> new Before(b.textMap("attributes"), b.optionalText("status")));
    Reason reason = field.enumValue("reason", Reason.class);
    boolean specless = action == Action.DELETE || action == Action.FORGET || reason == Reason.STANDBY;
    Optional<After> after = Optional.ofNullable(specs.get(host + "/" + instance)).map(After::new);
    if (after.isEmpty() && !specless) {
      throw new PlanException("the " + PlanJson.name(action) + " of " + instance + " on " + host + " has no spec");
    }
    Optional<Instant> standbyUntil =
        field.optionalText("standbyUntil").isPresent() ? Optional.of(instant(field, "standbyUntil")) : Optional.empty();
    try {
      return new Change(
          action,
          instance,
          field.text("resource"),
          host,
          before,
          specless ? Optional.empty() : after,
          reason,
          attributes(field),
          standbyUntil);
    } catch (IllegalArgumentException e) {
      throw new PlanException(e.getMessage());
    }
  }

  private static List<AttributeChange> attributes(JsonFields field) {
    return field.list("attributes").stream()
        .map(
            a ->
                new AttributeChange(
                    a.text("key"), a.optionalText("before"), a.optionalText("after"), a.bool("forcesReplacement")))
        .toList();
  }

  private static InstanceSpec spec(JsonFields field) {
    Map<String, Map<String, String>> devices = new TreeMap<>();
    JsonFields deviceFields = field.object("devices");
    deviceFields.node().fieldNames().forEachRemaining(name -> devices.put(name, deviceFields.textMap(name)));
    InstanceSpec spec =
        new InstanceSpec(
            field.text("instanceName"),
            field.text("topology"),
            field.text("resource"),
            (int) field.number("replica"),
            field.text("host"),
            instanceType(field, "type"),
            Image.parse(field.text("image")),
            field.textMap("config"),
            devices,
            field.texts("profiles"),
            field.list("files").stream().map(PlanJsonReader::file).toList(),
            field.optionalObject("release").map(PlanJsonReader::release),
            field.text("configHash"));
    String recomputed =
        ConfigHash.of(spec.type(), spec.image(), spec.config(), spec.devices(), spec.profiles());
    if (!recomputed.equals(spec.configHash())
        || !recomputed.equals(spec.config().get(ConfigKeys.CONFIG_HASH))) {
      throw new PlanException(
          "the spec of " + spec.instanceName() + " does not match its config hash (the file was changed)");
    }
    return spec;
  }

  private static FileSpec file(JsonFields field) {
    Optional<String> inline = field.optionalText("inline");
    FileSpec.FileSource source =
        inline.isPresent()
            ? new FileSpec.FileSource.Inline(inline.get())
            : new FileSpec.FileSource.Local(field.text("local"));
    return new FileSpec(
        field.text("target"),
        source,
        (int) field.number("mode"),
        (int) field.number("uid"),
        (int) field.number("gid"),
        SourcePos.NONE);
  }

  private static Release release(JsonFields field) {
    return new Release(
        field.text("name"),
        field.text("version"),
        field.enumValue("runtime", Runtime.class),
        field.optionalText("artifact"),
        field.optionalText("start"),
        new ReleaseHooks(field.optionalText("before_switch"), field.optionalText("after_deploy"),
            field.optionalText("hook_timeout").map(java.time.Duration::parse).orElse(ReleaseHooks.DEFAULT_TIMEOUT),
            SourcePos.NONE),
        SourcePos.NONE);
  }

  private static InstanceType instanceType(JsonFields field, String name) {
    String text = field.text(name);
    for (InstanceType type : InstanceType.values()) {
      if (type.incusName().equals(text)) {
        return type;
      }
    }
    throw field.invalid(name, "has the unknown instance type \"" + text + "\"");
  }

  private static Instant instant(JsonFields field, String name) {
    String text = field.text(name);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw field.invalid(name, "is not an ISO-8601 instant: \"" + text + "\"");
    }
  }
}
