package io.cul8er.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cul8er.model.FileSpec;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Release;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The JSON form of a saved plan, which is also what {@code plan --json} prints. Field names are
 * part of the file format (docs/plan.md lists them); they are written explicitly here so renaming
 * a Java field can never change the format.
 */
public final class PlanJson {
  public static final String FORMAT = "cul8er-plan";
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  public static String write(SavedPlan saved) {
    return text(tree(saved), saved.plan().topology());
  }

  /** {@code root} as indented JSON text, e.g. a {@link #tree} with more fields added. */
  public static String text(ObjectNode root, String topology) {
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new PlanException("Cannot write the plan of topology " + topology + " as JSON", e);
    }
  }

  /** The plan as a JSON tree, for callers that add fields of their own (the release phase). */
  public static ObjectNode tree(SavedPlan saved) {
    Plan plan = saved.plan();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("topology", plan.topology());
    root.put("lineage", plan.lineage());
    root.put("serial", plan.serial());
    root.put("desiredHash", plan.desiredHash());
    root.put("createdAt", saved.createdAt().toString());
    root.put("hasChanges", plan.hasChanges());
    root.set("summary", summary(plan.summary()));
    ArrayNode changes = root.putArray("changes");
    plan.changes().forEach(change -> changes.add(change(change)));
    ArrayNode drift = root.putArray("drift");
    plan.drift().forEach(entry -> drift.add(drift(entry)));
    ArrayNode conflicts = root.putArray("conflicts");
    for (Conflict conflict : plan.conflicts()) {
      ObjectNode node = conflicts.addObject();
      node.put("instance", conflict.instance());
      node.put("host", conflict.host());
      node.put("problem", conflict.problem());
    }
    ArrayNode images = root.putArray("imageProblems");
    for (ImageProblem problem : plan.imageProblems()) {
      images.addObject().put("instance", problem.instance()).put("host", problem.host())
          .put("image", problem.image()).put("problem", problem.problem());
    }
    ArrayNode copies = root.putArray("imageCopies");
    for (ImageCopy copy : plan.imageCopies()) {
      ObjectNode node = copies.addObject().put("host", copy.host()).put("image", copy.image())
          .put("fingerprint", copy.fingerprint()).put("source", copy.source());
      copy.instances().forEach(node.putArray("instances")::add);
    }
    ArrayNode unreachable = root.putArray("unreachable");
    for (HostProblem problem : plan.unreachable()) {
      unreachable.addObject().put("host", problem.host()).put("reason", problem.reason());
    }
    ArrayNode edges = root.putArray("edgeDrift");
    plan.edgeDrift().forEach(d -> edges.addObject().put("host", d.host()).put("what", d.what()));
    ArrayNode ports = root.putArray("portProblems");
    plan.portProblems().forEach(p -> ports.addObject().put("host", p.host()).put("port", p.port())
        .put("holder", p.holder()));
    ArrayNode edgeProblems = root.putArray("edgeProblems");
    plan.edgeProblems().forEach(p -> edgeProblems.addObject().put("host", p.host()).put("problem", p.problem()));
    ArrayNode routes = root.putArray("routeDrift");
    plan.routeDrift().forEach(d -> routes.addObject().put("host", d.host()).put("kind", d.kind()).put("what", d.what()));
    ArrayNode updates = root.putArray("imageUpdates");
    plan.imageUpdates().forEach(u -> updates.addObject().put("instance", u.instance()).put("resource", u.resource())
        .put("host", u.host()).put("image", u.image()).put("running", u.running()).put("current", u.current()));
    if (!plan.certificates().isEmpty()) {
      ArrayNode certificates = root.putArray("certificates");
      for (TlsCertificate c : plan.certificates()) {
        ObjectNode node = certificates.addObject().put("service", c.service()).put("port", c.port())
            .put("digest", c.digest());
        c.recorded().ifPresent(r -> node.put("recorded", r));
        c.warnings().forEach(node.putArray("warnings")::add);
      }
    }
    ArrayNode specs = root.putArray("specs");
    plan.specs().forEach(spec -> specs.add(spec(spec)));
    return root;
  }

  /** Reads a saved plan; {@code source} names it in error messages. */
  public static SavedPlan read(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw refused(source, "it is not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw refused(source, "it is not a JSON object");
    }
    String format = root.path("format").asText("");
    if (!FORMAT.equals(format)) {
      throw refused(source, "it is not a C U L8er plan (format is \"" + format + "\", expected \"" + FORMAT + "\")");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw refused(source, "it has format version " + version + ", this C U L8er reads version " + VERSION);
    }
    try {
      return PlanJsonReader.read(new JsonFields(root, ""));
    } catch (PlanException e) {
      throw refused(source, e.getMessage());
    }
  }

  private static PlanException refused(String source, String why) {
    return new PlanException("Cannot use the saved plan " + source + ": " + why);
  }

  static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static ObjectNode summary(Plan.Summary summary) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("add", summary.add());
    node.put("change", summary.change());
    node.put("replace", summary.replace());
    node.put("destroy", summary.destroy());
    node.put("adopt", summary.adopt());
    node.put("forget", summary.forget());
    return node;
  }

  private static ObjectNode change(Change change) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("action", name(change.action()));
    node.put("instance", change.instance());
    node.put("resource", change.resource());
    node.put("host", change.host());
    node.put("reason", name(change.reason()));
    change.standbyUntil().ifPresent(until -> node.put("standbyUntil", until.toString()));
    change
        .before()
        .ifPresent(
            before -> {
              ObjectNode b = node.putObject("before");
              b.put("status", before.status().orElse(null));
              b.set("attributes", MAPPER.valueToTree(before.attributes()));
            });
    node.set("attributes", attributes(change.attributes()));
    return node;
  }

  private static ObjectNode drift(Drift drift) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("instance", drift.instance());
    node.put("resource", drift.resource());
    node.put("host", drift.host());
    node.put("reason", name(drift.reason()));
    node.set("attributes", attributes(drift.attributes()));
    return node;
  }

  private static ArrayNode attributes(List<AttributeChange> attributes) {
    ArrayNode array = MAPPER.createArrayNode();
    for (AttributeChange attribute : attributes) {
      ObjectNode node = array.addObject();
      node.put("key", attribute.key());
      node.put("before", attribute.before().orElse(null));
      node.put("after", attribute.after().orElse(null));
      node.put("forcesReplacement", attribute.forcesReplacement());
      node.put("sensitive", attribute.sensitive());
    }
    return array;
  }

  private static ObjectNode spec(InstanceSpec spec) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("instanceName", spec.instanceName());
    node.put("topology", spec.topology());
    node.put("resource", spec.resource());
    node.put("replica", spec.replica());
    node.put("host", spec.host());
    node.put("type", spec.type().incusName());
    node.put("image", spec.image().toString());
    node.set("config", MAPPER.valueToTree(new TreeMap<>(spec.config())));
    ObjectNode devices = node.putObject("devices");
    new TreeMap<>(spec.devices())
        .forEach((device, properties) -> devices.set(device, MAPPER.valueToTree(new TreeMap<>(properties))));
    node.set("profiles", MAPPER.valueToTree(spec.profiles()));
    ArrayNode files = node.putArray("files");
    spec.files().forEach(file -> files.add(file(file)));
    spec.release().ifPresent(release -> node.set("release", release(release)));
    node.put("configHash", spec.configHash());
    return node;
  }

  private static ObjectNode file(FileSpec file) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("target", file.target());
    if (file.source() instanceof FileSpec.FileSource.Inline inline) {
      node.put("inline", inline.content());
    } else if (file.source() instanceof FileSpec.FileSource.Local local) {
      node.put("local", local.path());
    }
    node.put("mode", file.mode());
    node.put("uid", file.uid());
    node.put("gid", file.gid());
    return node;
  }

  private static ObjectNode release(Release release) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", release.name());
    node.put("version", release.version());
    node.put("runtime", name(release.runtime()));
    release.artifact().ifPresent(a -> node.put("artifact", a));
    release.start().ifPresent(s -> node.put("start", s));
    release.hooks().beforeSwitch().ifPresent(h -> node.put("before_switch", h));
    release.hooks().afterDeploy().ifPresent(h -> node.put("after_deploy", h));
    if (!release.hooks().isEmpty()) {
      node.put("hook_timeout", release.hooks().timeout().toString());
    }
    return node;
  }
}
