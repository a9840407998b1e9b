package io.cul8er.plan;

import static io.cul8er.plan.Fixtures.desired;
import static io.cul8er.plan.Fixtures.recorded;
import static io.cul8er.plan.Fixtures.resource;
import static io.cul8er.plan.Fixtures.running;
import static io.cul8er.plan.Fixtures.spec;
import static io.cul8er.plan.Fixtures.state;
import static io.cul8er.plan.Fixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.FileSpec;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Protocol;
import io.cul8er.model.Release;
import io.cul8er.model.Runtime;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedPlanTest {
  private static final Instant CREATED = Instant.parse("2026-11-26T10:15:30Z");

  private static SavedPlan createWeb() {
    DesiredState desired = desired(topology("demo", resource("web").cpus(1).expose(8080, 80, Protocol.TCP).build()));
    return SavedPlan.of(new Planner().plan(desired, state(4), Observation.of(List.of()), Fixtures.NOW), CREATED);
  }

  @Test
  void writesTheDocumentedFormat() {
    SavedPlan saved = createWeb();
    InstanceSpec web = saved.plan().specs().get(0);

    assertThat(saved.toJson())
        .isEqualTo(
            """
            {
              "format" : "cul8er-plan",
              "version" : 1,
              "topology" : "demo",
              "lineage" : "0b7c1a52-lineage",
              "serial" : 4,
              "desiredHash" : "%s",
              "createdAt" : "2026-11-26T10:15:30Z",
              "hasChanges" : true,
              "summary" : {
                "add" : 1,
                "change" : 0,
                "replace" : 0,
                "destroy" : 0,
                "adopt" : 0,
                "forget" : 0
              },
              "changes" : [ {
                "action" : "create",
                "instance" : "demo-web",
                "resource" : "web",
                "host" : "local",
                "reason" : "new_resource",
                "attributes" : [ {
                  "key" : "devices.expose-80.connect",
                  "before" : null,
                  "after" : "tcp:127.0.0.1:8080",
                  "forcesReplacement" : false,
                  "sensitive" : false
                }, {
                  "key" : "devices.expose-80.listen",
                  "before" : null,
                  "after" : "tcp:0.0.0.0:80",
                  "forcesReplacement" : false,
                  "sensitive" : false
                }, {
                  "key" : "devices.expose-80.type",
                  "before" : null,
                  "after" : "proxy",
                  "forcesReplacement" : false,
                  "sensitive" : false
                }, {
                  "key" : "image",
                  "before" : null,
                  "after" : "cul8er/busybox",
                  "forcesReplacement" : false,
                  "sensitive" : false
                }, {
                  "key" : "limits.cpu",
                  "before" : null,
                  "after" : "1",
                  "forcesReplacement" : false,
                  "sensitive" : false
                }, {
                  "key" : "profiles",
                  "before" : null,
                  "after" : "default",
                  "forcesReplacement" : false,
                  "sensitive" : false
                }, {
                  "key" : "type",
                  "before" : null,
                  "after" : "container",
                  "forcesReplacement" : false,
                  "sensitive" : false
                } ]
              } ],
              "drift" : [ ],
              "conflicts" : [ ],
              "imageProblems" : [ ],
              "imageCopies" : [ ],
              "unreachable" : [ ],
              "edgeDrift" : [ ],
              "portProblems" : [ ],
              "edgeProblems" : [ ],
              "routeDrift" : [ ],
              "imageUpdates" : [ ],
              "specs" : [ {
                "instanceName" : "demo-web",
                "topology" : "demo",
                "resource" : "web",
                "replica" : 1,
                "host" : "local",
                "type" : "container",
                "image" : "cul8er/busybox",
                "config" : {
                  "limits.cpu" : "1",
                  "user.cul8er.config-hash" : "%s",
                  "user.cul8er.image" : "cul8er/busybox",
                  "user.cul8er.managed" : "true",
                  "user.cul8er.replica" : "1",
                  "user.cul8er.resource" : "web",
                  "user.cul8er.topology" : "demo"
                },
                "devices" : {
                  "expose-80" : {
                    "connect" : "tcp:127.0.0.1:8080",
                    "listen" : "tcp:0.0.0.0:80",
                    "type" : "proxy"
                  }
                },
                "profiles" : [ "default" ],
                "files" : [ ],
                "configHash" : "%s"
              } ]
            }
            """
                .formatted(saved.plan().desiredHash(), web.configHash(), web.configHash()));
  }

  @Test
  void readsBackExactlyWhatItWrote() {
    SavedPlan everything = SavedPlan.of(PlanRendererTest.everything(), CREATED);

    SavedPlan read = SavedPlan.fromJson(everything.toJson(), "plan.json");

    assertThat(read).isEqualTo(everything);
    assertThat(PlanRenderer.plain().render(read.plan()))
        .isEqualTo(PlanRenderer.plain().render(everything.plan()));
  }

  @Test
  void readsBackEdgeProblemsAndRouteDrift() {
    SavedPlan saved = SavedPlan.of(PlanRendererTest.setupNeeded(), CREATED);

    SavedPlan read = SavedPlan.fromJson(saved.toJson(), "plan.json");

    assertThat(read).isEqualTo(saved);
    assertThat(saved.toJson()).contains("""
          "edgeProblems" : [ {
            "host" : "local",
            "problem" : "HAProxy is not installed (no /usr/sbin/haproxy); cul8er setup installs it"
          } ],
          "routeDrift" : [ {
            "host" : "web_1",
            "kind" : "route",
            "what" : "10.210.3.0/24 via 10.147.0.13 (web_3's containers) missing (cul8er setup adds it)"
          } ],
        """);
  }

  @Test
  void keepsFilesAndReleaseOfTheSpecs() {
    InstanceSpec base = createWeb().plan().specs().get(0);
    InstanceSpec withExtras =
        new InstanceSpec(base.instanceName(), base.topology(), base.resource(), base.replica(), base.host(),
            base.type(), base.image(), base.config(), base.devices(), base.profiles(),
            List.of(
                new FileSpec("/etc/app.conf", new FileSpec.FileSource.Inline("port=80\n"), 0644, 0, 0, SourcePos.NONE),
                new FileSpec("/srv/app.jar", new FileSpec.FileSource.Local("build/app.jar"), 0755, 1000, 1000, SourcePos.NONE)),
            Optional.of(new Release("app", "1.2.0", Runtime.JVM, Optional.of("dist/{name}-{version}.jar"), Optional.empty(), SourcePos.NONE)),
            base.configHash());
    Change create = createWeb().plan().changes().get(0);
    Plan plan =
        new Plan("demo", Fixtures.LINEAGE, 4, "sha256:x",
            List.of(new Change(create.action(), create.instance(), create.resource(), create.host(), Optional.empty(),
                Optional.of(new After(withExtras)), create.reason(), create.attributes())),
            List.of(), List.of(), List.of());

    SavedPlan read = SavedPlan.fromJson(SavedPlan.of(plan, CREATED).toJson(), "plan.json");

    assertThat(read.plan().specs()).containsExactly(withExtras);
  }

  @Test
  void neverContainsSecretValues() {
    DesiredState desired =
        DesiredState.of(topology("demo", resource("db").secret("DB_PASSWORD", "PGPASS").build()),
            (secret, lineage) -> Optional.of("hmac-sha256:c0ffee"), Fixtures.LINEAGE);
    InstanceSpec db = spec(desired, "demo-db");
    DesiredState removed = desired(topology("demo"));

    for (Plan plan :
        List.of(
            new Planner().plan(desired, state(1, recorded(db)), Observation.of(List.of(running(db))), Fixtures.NOW),
            new Planner().plan(removed, state(1, recorded(db)), Observation.of(List.of(running(db))), Fixtures.NOW))) {
      String json = SavedPlan.of(plan, CREATED).toJson();
      assertThat(json).doesNotContain("hunter2");
      assertThat(PlanRenderer.plain().render(plan)).doesNotContain("hunter2");
    }
    assertThat(running(db).config()).containsEntry("environment.DB_PASSWORD", "hunter2");
  }

  @Test
  void refusesCorruptAndForeignFiles() {
    String valid = createWeb().toJson();

    assertRefused("{ not json", "it is not valid JSON (");
    assertRefused("[1, 2]", "it is not a JSON object");
    assertRefused("{\"format\":\"terraform\"}", "it is not a C U L8er plan (format is \"terraform\", expected \"cul8er-plan\")");
    assertRefused(valid.replace("\"version\" : 1", "\"version\" : 2"), "it has format version 2, this C U L8er reads version 1");
    assertRefused(valid.replace("\"lineage\" : \"0b7c1a52-lineage\",", ""), "field lineage is missing");
    assertRefused(valid.replace("\"action\" : \"create\"", "\"action\" : \"explode\""),
        "field changes[0].action has the unknown value \"explode\"");
    assertRefused(valid.replace("\"limits.cpu\" : \"1\"", "\"limits.cpu\" : \"64\""),
        "the spec of demo-web does not match its config hash (the file was changed)");
    assertRefused(valid.replace("\"type\" : \"container\",\n", "\"type\" : \"jail\",\n"),
        "field specs[0].type has the unknown instance type \"jail\"");
    assertRefused(valid.replace("\"serial\" : 4", "\"serial\" : \"four\""), "field serial must be a whole number");
    assertRefused(valid.replace("\"createdAt\" : \"2026-11-26T10:15:30Z\"", "\"createdAt\" : \"yesterday\""),
        "field createdAt is not an ISO-8601 instant: \"yesterday\"");
    assertRefused(valid.replace("\"instanceName\" : \"demo-web\"", "\"instanceName\" : \"demo-other\""),
        "the create of demo-web on local has no spec");
    assertRefused(valid.replace("\"profiles\" : [ \"default\" ]", "\"profiles\" : [ 7 ]"),
        "field specs[0].profiles[0] must be a string");
    assertRefused(valid.replace("\"forcesReplacement\" : false", "\"forcesReplacement\" : \"no\""),
        "field changes[0].attributes[0].forcesReplacement must be true or false");
    assertRefused(valid.replace("\"topology\" : \"demo\",\n    \"resource\"", "\"topology\" : \"prod\",\n    \"resource\""),
        "the spec of demo-web belongs to topology prod, not demo");
  }

  private static void assertRefused(String json, String why) {
    assertThatThrownBy(() -> SavedPlan.fromJson(json, "plan.json"))
        .isInstanceOf(PlanException.class)
        .hasMessageStartingWith("Cannot use the saved plan plan.json: " + why);
  }

  @Test
  void writesAndReadsFiles(@TempDir Path dir) throws Exception {
    SavedPlan saved = createWeb();
    Path file = dir.resolve("tfplan.json");

    saved.write(file);

    assertThat(SavedPlan.read(file)).isEqualTo(saved);
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file);
    }
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> SavedPlan.read(missing))
        .isInstanceOf(PlanException.class)
        .hasMessageStartingWith("Cannot read the saved plan " + missing + ": ");
    assertThatThrownBy(() -> saved.write(dir.resolve("no/such/dir/plan.json")))
        .isInstanceOf(PlanException.class)
        .hasMessageStartingWith("Cannot write the saved plan " + dir.resolve("no/such/dir/plan.json") + ": ");
  }

  @Test
  void isFreshOnlyForTheStateItWasMadeAgainst() {
    SavedPlan saved = createWeb();
    StateSnapshot same = state(4);
    StateSnapshot later = state(5);
    StateSnapshot otherLineage =
        new StateSnapshot(1, "another-lineage", 4, "demo", Instant.EPOCH, List.of());
    StateSnapshot otherTopology = new StateSnapshot(1, Fixtures.LINEAGE, 4, "prod", Instant.EPOCH, List.of());

    assertThat(saved.checkFresh(same)).isEmpty();
    assertThat(saved.checkFresh(later))
        .contains(
            "Saved plan is stale: the state was changed by another operation after the plan was made"
                + " (plan serial 4, state serial 5)");
    assertThat(saved.checkFresh(otherLineage))
        .contains(
            "Saved plan does not match the state: it was made for state lineage 0b7c1a52-lineage,"
                + " the current state has lineage another-lineage");
    assertThat(saved.checkFresh(otherTopology))
        .contains(
            "Saved plan does not match the state: it was made for topology demo, the state is of topology prod");
  }
}
