package io.cul8er.dsl;

import static io.cul8er.dsl.ArgType.ALIAS;
import static io.cul8er.dsl.ArgType.ATOM;
import static io.cul8er.dsl.ArgType.ATOMS;
import static io.cul8er.dsl.ArgType.ATOM_OR_ATOMS;
import static io.cul8er.dsl.ArgType.BOOLEAN;
import static io.cul8er.dsl.ArgType.INTEGER;
import static io.cul8er.dsl.ArgType.INTEGERS;
import static io.cul8er.dsl.ArgType.NUMBER;
import static io.cul8er.dsl.ArgType.SECRET;
import static io.cul8er.dsl.ArgType.STRING;
import static io.cul8er.dsl.ArgType.STRINGS;
import static io.cul8er.dsl.Setting.named;

/** The whole language, declared: which statement may appear where, with which arguments. */
final class Schemas {
  private Schemas() {}

  private static Setting.Builder topology() {
    return named("topology").arg(ATOM).block().example("topology :production do ... end");
  }

  private static Setting.Builder cluster() {
    return named("cluster").arg(ATOM).block().repeatable().example("cluster :app do ... end");
  }

  private static Setting.Builder strategy() {
    return named("strategy").block().example("strategy do approach :rolling end");
  }

  private static Setting.Builder observability() {
    return named("observability").block().example("observability do metrics [:cluster_size] end");
  }

  private static Setting.Builder state() {
    return named("state")
        .requiredKey("backend", ATOM)
        .key("path", STRING)
        .key("url", STRING)
        .key("password", SECRET)
        .example("state backend: :file, path: \".cul8er\"");
  }

  private static Setting.Builder duration(String name) {
    return named(name).oneOf(INTEGER, Units.timeKeys()).example(name + " seconds: 10");
  }

  private static Setting.Builder secret(String name, String example) {
    return named(name)
        .requiredKey("from", ATOM)
        .key("key", STRING)
        .key("path", STRING)
        .example(example);
  }

  static final Schema FILE =
      Schema.of(
          "file",
          named("defmodule").arg(ALIAS).block().repeatable().example("defmodule MyApp.Deploy do ... end"),
          topology().repeatable(),
          cluster(),
          strategy(),
          observability(),
          state());

  static final Schema MODULE =
      Schema.of(
          "defmodule",
          named("use").arg(ALIAS).example("use CUL8er"),
          topology().repeatable(),
          cluster(),
          strategy(),
          observability(),
          state());

  static final Schema TOPOLOGY =
      Schema.of(
          "topology",
          named("host").arg(ATOM).block().repeatable().example("host :web do address \"10.0.1.20\" end"),
          named("resource")
              .arg(ATOM)
              .key("type", ATOM)
              .key("on", ATOM_OR_ATOMS)
              .optionalBlock()
              .repeatable()
              .example("resource :web, type: :container, on: :server do ... end"),
          cluster(),
          strategy(),
          observability(),
          state(),
          named("agent").block().example("agent do interval seconds: 30 end"),
          hooks().example("hooks do pre_deploy \"scripts/check.sh\" end"),
          named("load_balancer").optionalBlock().unsupported("the edge proxy is configured from `expose` settings"));

  static final Schema HOST =
      Schema.of(
          "host",
          named("address").arg(STRING).example("address \"10.0.1.20\""),
          named("platform").arg(ATOM).example("platform :debian"),
          named("ssh")
              .key("user", STRING)
              .key("port", INTEGER)
              .key("key", STRING)
              .key("socket", STRING)
              .example("ssh user: \"deploy\", port: 22, key: \"~/.ssh/id_ed25519\""),
          named("https")
              .key("port", INTEGER)
              .key("token", SECRET)
              .example("https port: 8443, token: [from: :system, key: \"INCUS_TOKEN\"]"),
          named("socket").arg(STRING).example("socket \"/var/lib/incus/unix.socket\""));

  private static Setting.Builder env() {
    return named("env").arg(STRING).arg(STRING).repeatable().example("env \"PORT\", \"4000\"");
  }

  private static Setting.Builder secretEnv() {
    return secret("secret", "secret \"DATABASE_URL\", from: :system, key: \"DATABASE_URL\"")
        .arg(STRING)
        .repeatable();
  }

  static final Schema RESOURCE =
      Schema.of(
          "resource",
          named("from_image").arg(STRING).example("from_image \"images:alpine/3.19\""),
          named("replicas").arg(INTEGER).example("replicas 3"),
          named("profiles").arg(STRINGS).example("profiles [\"default\"]"),
          named("limits").block().example("limits do cpu cores: 2 end"),
          named("network").block().example("network do expose port: 4000, as: 443 end"),
          named("deploy")
              .requiredKey("release", ATOM)
              .requiredKey("version", STRING)
              .key("runtime", ATOM)
              .key("artifact", STRING)
              .key("start", STRING)
              .key("migrate", STRING)
              .example("deploy release: :my_app, version: \"1.0.0\""),
          hooks().example("hooks do before_switch \"bin/my_app migrate\" end"),
          env(),
          secretEnv(),
          named("environment").block().repeatable().example("environment do env \"PORT\", \"4000\" end"),
          named("file")
              .arg(STRING)
              .key("content", STRING)
              .key("source", STRING)
              .key("mode", INTEGER)
              .key("uid", INTEGER)
              .key("gid", INTEGER)
              .repeatable()
              .example("file \"/etc/app.conf\", source: \"conf/app.conf\", mode: 0o644"),
          named("volume").optionalBlock().repeatable().unsupported("persistent volumes come in a later release"));

  private static Setting.Builder hooks() {
    return named("hooks").block();
  }

  /**
   * Both kinds of hook, wherever a {@code hooks} block stands: {@link HooksReader} says which belong
   * in a resource (in an instance) and which in a topology (on this machine).
   */
  static final Schema HOOKS =
      Schema.of(
          "hooks",
          named("before_switch").arg(STRING).example("before_switch \"bin/my_app migrate\""),
          named("after_deploy").arg(STRING).example("after_deploy \"bin/my_app warm_cache\""),
          named("pre_deploy").arg(STRING).example("pre_deploy \"scripts/check.sh\""),
          named("post_deploy").arg(STRING).example("post_deploy \"scripts/notify.sh\""),
          duration("timeout"));

  static final Schema ENVIRONMENT = Schema.of("environment", env(), secretEnv());

  static final Schema LIMITS =
      Schema.of(
          "limits",
          named("cpu").requiredKey("cores", INTEGER).example("cpu cores: 2"),
          named("memory").oneOf(INTEGER, Units.memoryKeys()).example("memory gigabytes: 2"));

  static final Schema NETWORK =
      Schema.of(
          "network",
          named("expose")
              .requiredKey("port", INTEGER)
              .key("as", INTEGER)
              .key("protocol", ATOM)
              .key("balance", ATOM)
              .key("cert", SECRET)
              .key("key", SECRET)
              .key("redirect_from", INTEGER)
              .key("domains", STRINGS)
              .optionalBlock()
              .repeatable()
              .example("expose port: 4000, as: 443, protocol: :https"));

  static final Schema EXPOSE =
      Schema.of(
          "expose",
          named("max_body").oneOf(INTEGER, Units.memoryKeys()).example("max_body megabytes: 10"),
          duration("connect_timeout"),
          duration("client_timeout"),
          duration("server_timeout"),
          named("max_connections").arg(INTEGER).example("max_connections 100"),
          named("rate_limit").arg(INTEGER).oneOf(INTEGER, Units.timeKeys()).example("rate_limit 10_000, seconds: 10"),
          named("hsts").oneOf(INTEGER, Units.timeKeys()).example("hsts seconds: 31_536_000"));

  static final Schema CLUSTER =
      Schema.of(
          "cluster",
          named("nodes").arg(ATOMS).example("nodes [:app_1, :app_2]"),
          named("discovery").requiredKey("strategy", ALIAS).example("discovery strategy: Cluster.Strategy.Epmd"),
          secret("cookie", "cookie from: :system, key: \"RELEASE_COOKIE\""),
          named("probe").oneOf(STRING, "command", "endpoint").example("probe command: \"bin/my_app rpc 'Node.list()'\""),
          duration("formation_timeout"));

  static final Schema STRATEGY =
      Schema.of(
          "strategy",
          named("approach").arg(ATOM).example("approach :rolling"),
          named("batch_size").arg(INTEGER).example("batch_size 1"),
          named("healthcheck").block().example("healthcheck do endpoint \"http://localhost:4000/health\" end"),
          named("rollback").block().example("rollback do on_failure :automatic end"),
          named("blue_green").block().example("blue_green do keep_old minutes: 10 end"),
          named("canary").block().example("canary do steps [10, 50, 100] end"));

  static final Schema HEALTHCHECK =
      Schema.of(
          "healthcheck",
          named("endpoint").arg(STRING).example("endpoint \"http://localhost:4000/health\""),
          named("expect_status").arg(INTEGER).example("expect_status 200"),
          named("tcp").requiredKey("port", INTEGER).example("tcp port: 4000"),
          named("command").arg(STRING).example("command \"bin/my_app pid\""),
          duration("interval"),
          duration("timeout"),
          named("retries").arg(INTEGER).example("retries 3"),
          duration("grace_period"));

  static final Schema ROLLBACK =
      Schema.of(
          "rollback",
          named("on_failure").arg(ATOM).example("on_failure :automatic"),
          named("snapshot").arg(BOOLEAN).example("snapshot true"),
          named("retain").arg(INTEGER).example("retain 3"));

  static final Schema BLUE_GREEN = Schema.of("blue_green", duration("keep_old"));

  static final Schema CANARY =
      Schema.of(
          "canary",
          named("instances").arg(INTEGER).example("instances 1"),
          named("steps").arg(INTEGERS).example("steps [10, 50, 100]"),
          duration("pause"),
          named("max_error_rate").requiredKey("percent", NUMBER).example("max_error_rate percent: 1"),
          named("promote").arg(ATOM).example("promote :automatic"),
          named("min_requests").arg(INTEGER).example("min_requests 100"),
          duration("max_wait"));

  static final Schema OBSERVABILITY =
      Schema.of(
          "observability",
          named("metrics").arg(ATOMS).example("metrics [:deployment_duration, :cluster_size]"),
          named("events").arg(ATOMS).example("events [:node_joined, :health_check_failed]"),
          named("sink")
              .arg(ATOM)
              .key("url", STRING)
              .key("secret", SECRET)
              .key("run", STRINGS)
              .key("events", ATOMS)
              .repeatable()
              .example("sink :webhook, url: \"https://hooks.example.com/deploys\", "
                  + "secret: [from: :system, key: \"HOOK_SECRET\"], events: [:deploy_finished]"),
          named("traces").key("otlp", STRING).example("traces otlp: \"http://127.0.0.1:4318\""),
          named("event_log")
              .key("max_mebibytes", INTEGER)
              .key("keep", INTEGER)
              .example("event_log max_mebibytes: 10, keep: 5"));

  static final Schema AGENT =
      Schema.of(
          "agent",
          duration("interval"),
          named("restarts").arg(INTEGER).example("restarts 3"),
          duration("backoff"),
          duration("crash_loop_window"),
          named("reconcile").arg(ATOM).example("reconcile :report"));
}
