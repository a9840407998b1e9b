package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cul8er.model.Cluster;
import io.cul8er.model.Connection;
import io.cul8er.model.EnvVar;
import io.cul8er.model.FileSpec;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every variant of a sealed model type says its kind in the JSON of `inspect --json`. */
class ModelJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SourcePos AT = new SourcePos("t.cul8", 3, 5);

  static Stream<Arguments> kinds() {
    SecretRef env = new SecretRef.FromEnv("TOKEN", AT);
    return Stream.of(
        kind(new Connection.LocalSocket("/var/lib/incus/unix.socket", AT),
            "{'kind':'socket','socketPath':'/var/lib/incus/unix.socket','pos':'t.cul8:3:5'}"),
        kind(new Connection.Ssh(Optional.of("deploy"), Optional.of(2222), Optional.empty(), "/run/incus.socket", AT),
            "{'kind':'ssh','user':'deploy','port':2222,'keyFile':null,'remoteSocket':'/run/incus.socket',"
                + "'pos':'t.cul8:3:5'}"),
        kind(new Connection.Https(8443, Optional.of(env), AT),
            "{'kind':'https','port':8443,'trustToken':{'kind':'env','variable':'TOKEN','pos':'t.cul8:3:5'},"
                + "'pos':'t.cul8:3:5'}"),
        kind(new SecretRef.FromFile("secrets/token", AT), "{'kind':'file','path':'secrets/token','pos':'t.cul8:3:5'}"),
        kind(new EnvVar.Plain("PORT", "80", AT), "{'kind':'plain','name':'PORT','value':'80','pos':'t.cul8:3:5'}"),
        kind(new EnvVar.Secret("KEY", env, AT), "{'kind':'secret','name':'KEY','source':{'kind':'env',"
            + "'variable':'TOKEN','pos':'t.cul8:3:5'},'pos':'t.cul8:3:5'}"),
        kind(new FileSpec.FileSource.Inline("hi\n"), "{'kind':'inline','content':'hi\\n'}"),
        kind(new FileSpec.FileSource.Local("conf/a"), "{'kind':'local','path':'conf/a'}"),
        kind(new HealthCheck.Probe.Http("http://localhost/up", 200),
            "{'kind':'http','endpoint':'http://localhost/up','expectStatus':200}"),
        kind(new HealthCheck.Probe.Tcp(8080), "{'kind':'tcp','port':8080}"),
        kind(new HealthCheck.Probe.Command("true"), "{'kind':'command','command':'true'}"),
        kind(new Cluster.MembershipProbe.Command("nodes"), "{'kind':'command','command':'nodes'}"),
        kind(new Cluster.MembershipProbe.Endpoint("http://localhost/c"), "{'kind':'endpoint','url':'http://localhost/c'}"),
        kind(new StateBackend.File(".cul8er", AT), "{'kind':'file','directory':'.cul8er','pos':'t.cul8:3:5'}"),
        kind(new StateBackend.Postgres("jdbc:postgresql://db/c", Optional.empty(), AT),
            "{'kind':'postgres','url':'jdbc:postgresql://db/c','password':null,'pos':'t.cul8:3:5'}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aSealedVariantIsWrittenWithItsKind(Object value, String expected) throws Exception {
    assertThat(tree(ModelJson.write(value))).isEqualTo(tree(expected.replace('\'', '"')));
  }

  @Test
  void theKindIsWrittenWhereTheModelHoldsTheSealedType() throws Exception {
    HealthCheck check = new HealthCheck(new HealthCheck.Probe.Tcp(80), Duration.ofSeconds(10), Duration.ofSeconds(5),
        3, Duration.ZERO, AT);
    Cluster cluster = new Cluster("c", List.of("web"), io.cul8er.model.Discovery.values()[0], Optional.empty(),
        Optional.of(new Cluster.MembershipProbe.Endpoint("http://localhost/c")), Duration.ofMinutes(1), AT);

    assertThat(tree(ModelJson.write(check)).get("probe")).isEqualTo(tree("{\"kind\":\"tcp\",\"port\":80}"));
    assertThat(tree(ModelJson.write(cluster)).get("probe"))
        .isEqualTo(tree("{\"kind\":\"endpoint\",\"url\":\"http://localhost/c\"}"));
  }

  @Test
  void aSinkSaysWhichKindItIsAndNamesItsSecretsSourceOnly() throws Exception {
    io.cul8er.model.Sink webhook = new io.cul8er.model.Sink.Webhook("https://hooks.example.com/d",
        new io.cul8er.model.SecretRef.FromEnv("HOOK_SECRET", AT), List.of("deploy_finished"), AT);
    io.cul8er.model.Sink command = new io.cul8er.model.Sink.Command(List.of("notify"), List.of("rollback_started"), AT);
    io.cul8er.model.Observability observability = new io.cul8er.model.Observability(List.of(), List.of(),
        List.of(webhook, command), io.cul8er.model.Observability.EventLogLimits.DEFAULT, "", AT);

    assertThat(tree(ModelJson.write(observability)).get("sinks")).isEqualTo(tree(("[{'kind':'webhook',"
        + "'url':'https://hooks.example.com/d','secret':{'kind':'env','variable':'HOOK_SECRET','pos':'%1$s'},"
        + "'events':['deploy_finished'],'pos':'%1$s'},{'kind':'command','run':['notify'],'events':['rollback_started'],"
        + "'pos':'%1$s'}]").replace('\'', '"').formatted(AT.toString())));
  }

  @Test
  void inspectJsonNamesTheKindOfEachHostsConnection() throws Exception {
    Cli.Run run = Cli.run("inspect", "shop", "-f", "src/test/resources/dsl/full.cul8", "--json");

    assertThat(run.exitCode()).as(run.all()).isZero();
    JsonNode hosts = tree(run.out()).get("hosts");
    assertThat(hosts.findValues("connection")).extracting(c -> c.get("kind").asText())
        .containsExactly("socket", "ssh", "https");
    assertThat(hosts.get(2).get("connection").get("trustToken")).isEqualTo(tree("{\"kind\":\"file\","
        + "\"path\":\"secrets/incus-token\",\"pos\":\"src/test/resources/dsl/full.cul8:23:32\"}"));
  }

  @Test
  void inspectJsonGivesTheCanaryEvidenceRuleAndTheWaitItComesTo() throws Exception {
    Cli.Run given = Cli.run("inspect", "shop", "-f", "src/test/resources/dsl/full.cul8", "--json");
    Cli.Run defaults = Cli.run("inspect", "demo", "-f", "examples/demo.cul8", "--json");

    assertThat(given.exitCode()).as(given.all()).isZero();
    assertThat(tree(given.out()).get("strategy").get("canary")).isEqualTo(tree(("{'instances':1,'steps':[5,25,100],"
        + "'pause':'PT2M','maxErrorRatePercent':0.5,'autoPromote':false,'minRequests':20,'maxWait':'PT10M',"
        + "'evidenceWait':'PT10M','pos':'src/test/resources/dsl/full.cul8:93:7'}").replace('\'', '"')));
    assertThat(tree(given.out()).get("resources").get(0).get("exposes").get(0).get("limits")).isEqualTo(tree((
        "{'maxBodyBytes':52428800,'connectTimeout':'PT2S','clientTimeout':'PT30S','serverTimeout':'PT30S',"
            + "'maxConnections':100,'rateLimit':{'requests':600,'per':'PT1M'},'hsts':'PT8760H'}").replace('\'', '"')));
    assertThat(tree(defaults.out()).get("strategy").get("canary")).isEqualTo(tree(("{'instances':1,"
        + "'steps':[10,50,100],'pause':'PT30S','maxErrorRatePercent':1.0,'autoPromote':true,'minRequests':100,"
        + "'maxWait':null,'evidenceWait':'PT2M30S','pos':'examples/demo.cul8:3:1'}").replace('\'', '"')));
  }

  private static Arguments kind(Object value, String json) {
    return Arguments.of(Named.of(value.getClass().getName().replaceFirst(".*\\.", ""), value), json);
  }

  private static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json);
  }
}
