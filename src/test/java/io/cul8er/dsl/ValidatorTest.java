package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per validation rule; each asserts the exact message, position and hint. */
class ValidatorTest {

  private static String topology(String body) {
    return "topology :t do\n  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n" + body + "end\n";
  }

  static List<String> problems(String text) {
    return Dsl.parse("v.cul8", text).diagnostics().stream()
        .map(d -> d.pos().line() + ":" + d.pos().column() + " " + d.severity().label() + ": " + d.message()
            + d.hint().map(h -> " | " + h).orElse(""))
        .toList();
  }

  @Test
  void duplicateNames() {
    assertThat(problems(topology("""
          host :h do
            address "localhost"
            platform :debian
          end
          resource :r, on: :h do
            from_image "i"
          end
          resource :r, on: :h do
            from_image "i"
          end
        """) + "topology :t do\nend\n"))
        .containsExactly(
            "17:1 error: duplicate topology `t` | the first is at line 1; give each topology its own name",
            "6:3 error: duplicate host `h` | the first is at line 2; give each host its own name",
            "13:3 error: duplicate resource `r` | the first is at line 10; give each resource its own name");
  }

  @Test
  void negativeDurationsOfATopologyBuiltInJavaAreErrors() {
    io.cul8er.model.Topology parsed = Dsl.parse("v.cul8", topology("""
          resource :app, on: :h do
            from_image "i"
            deploy release: :app, version: "1.0.0"
          end
          cluster :c do
            nodes [:app]
          end
        """)).topologies().get(0);
    java.time.Duration minus = java.time.Duration.ofSeconds(-1);
    io.cul8er.model.Strategy s = parsed.strategy();
    io.cul8er.model.Canary c = s.canary();
    io.cul8er.model.Strategy negative = new io.cul8er.model.Strategy(s.approach(), s.batchSize(),
        java.util.Optional.of(new io.cul8er.model.HealthCheck(new io.cul8er.model.HealthCheck.Probe.Tcp(80),
            io.cul8er.model.HealthCheck.DEFAULT_INTERVAL, io.cul8er.model.HealthCheck.DEFAULT_TIMEOUT, 3, minus,
            s.pos())),
        s.rollback(), new io.cul8er.model.BlueGreen(minus, s.pos()),
        new io.cul8er.model.Canary(c.instances(), c.steps(), minus, c.maxErrorRatePercent(), c.autoPromote(),
            c.minRequests(), java.util.Optional.of(minus), s.pos()),
        s.pos());
    io.cul8er.model.Cluster k = parsed.clusters().get(0);
    io.cul8er.model.Topology built = new io.cul8er.model.Topology(parsed.name(), parsed.hosts(), parsed.resources(),
        List.of(new io.cul8er.model.Cluster(k.name(), k.nodes(), k.discovery(), k.cookie(), k.probe(), minus, k.pos())),
        negative, parsed.observability(), parsed.state(), parsed.pos());

    assertThat(Validator.validate(List.of(built))).filteredOn(d -> d.severity() == Severity.ERROR)
        .extracting(Diagnostic::message).containsExactlyInAnyOrder(
        "cluster `c` `formation_timeout` is negative (PT-1S)",
        "health check `grace_period` is negative (PT-1S)",
        "blue-green `keep_old` is negative (PT-1S)",
        "canary `pause` is negative (PT-1S)",
        "canary `max_wait` is negative (PT-1S)");
  }

  @Test
  void unknownHostAndNodeSuggestNames() {
    assertThat(problems(topology("""
          resource :app_1, on: :hh do
            from_image "i"
          end
          cluster :c do
            nodes [:app_2, :zzz]
          end
        """)))
        .containsExactly(
            "6:24 error: resource `app_1` is placed on unknown host `:hh` | did you mean `:h`?",
            "10:12 error: cluster `c` names unknown node `:app_2` | did you mean `:app_1`?",
            "10:20 error: cluster `c` names unknown node `:zzz` | nodes are resources of the topology");
  }

  @Test
  void resourceWithoutImage() {
    assertThat(problems(topology("  resource :app_2, on: :h do\n  end\n")))
        .containsExactly("6:3 error: resource `app_2` has no image | add `from_image \"images:alpine/3.19\"`");
  }

  @Test
  void impossibleLimits() {
    assertThat(problems(topology("""
          resource :a, on: :h do
            from_image "i"
            limits do
              cpu cores: 0
              memory megabytes: 3
            end
          end
          resource :b, on: :h do
            from_image "i"
            limits do
              cpu cores: 1025
            end
          end
        """)))
        .containsExactly(
            "9:18 error: resource `a` asks for 0 CPU cores | `cpu cores:` must be between 1 and 1024",
            "10:25 error: resource `a` asks for 3145728 bytes of memory | give it at least `memory megabytes: 4`",
            "16:18 error: resource `b` asks for 1025 CPU cores | `cpu cores:` must be between 1 and 1024");
  }

  @Test
  void portsOutOfRange() {
    assertThat(problems(topology("""
          resource :a, on: :h do
            from_image "i"
            network do
              expose port: 0, as: 70000
            end
          end
        """)))
        .containsExactly(
            "9:20 error: `expose port:` of resource `a` is 0, outside 1..65535",
            "9:27 error: `expose as:` of resource `a` is 70000, outside 1..65535");
  }

  @Test
  void samePortTwiceOnOneHostCountsReplicas() {
    assertThat(problems(topology("""
          resource :a, on: :h do
            from_image "i"
            network do
              expose port: 80, as: 8080
            end
          end
          resource :b, on: :h do
            from_image "i"
            replicas 2
            network do
              expose port: 81, as: 8080, protocol: :http
              expose port: 53, protocol: :udp
            end
          end
        """)))
        .containsExactly(
            "16:7 error: port 8080 on host `h` is exposed twice: by `t-a` and `t-b-1` | spread the replicas over more hosts with `on: [...]`, or use another `as:` port",
            "16:7 error: port 8080 on host `h` is exposed twice: by `t-a` and `t-b-2` | spread the replicas over more hosts with `on: [...]`, or use another `as:` port",
            "17:7 error: port 53 on host `h` is exposed twice: by `t-b-1` and `t-b-2` | spread the replicas over more hosts with `on: [...]`, or use another `as:` port");
  }

  @Test
  void oneReleaseOnOnePortIsOneServiceOfTheEdgeEvenFromTwoResources() {
    String app = """
          resource :%s, on: :h do
            from_image "i"
            network do
              expose port: 4000, as: 443, protocol: :http
            end
            deploy release: :%s, version: "1.0.0"
          end
        """;
    assertThat(problems(topology(app.formatted("app_1", "my_app") + app.formatted("app_2", "my_app")))).isEmpty();
    assertThat(problems(topology(app.formatted("app_1", "my_app") + app.formatted("other", "their_app"))))
        .containsExactly("16:7 error: port 443 on host `h` is exposed twice: by `the edge of app_1` and `the edge of"
            + " other` | use another `as:` port");
  }

  @Test
  void balanceIsReadWithASuggestionAndAServiceIsBalancedOneWay() {
    String app = """
          resource :%s, on: :h do
            from_image "i"
            network do
              expose port: 4000, as: 443, protocol: :http%s
            end
            deploy release: :my_app, version: "1.0.0"
          end
        """;
    assertThat(problems(topology(app.formatted("app_1", ", balance: :fleet") + app.formatted("app_2", ", balance: :fleet"))))
        .isEmpty();
    assertThat(problems(topology(app.formatted("app_1", ", balance: :flet")))).containsExactly(
        "9:61 error: unknown balance `:flet` | did you mean `:fleet`?");
    assertThat(problems(topology(app.formatted("app_1", ", balance: :local_frist") + app.formatted("app_2", "")))).containsExactly(
        "9:61 error: unknown balance `:local_frist` | did you mean `:local_first`?");
    assertThat(problems(topology(app.formatted("app_1", "") + app.formatted("app_2", ", balance: :fleet"))))
        .containsExactly("16:61 error: resources `app_1` and `app_2` serve one service on port 443 balanced differently:"
            + " `:local_first` and `:fleet` | every host's edge balances a service one way: give both the same `balance:`");
    assertThat(problems(topology("""
          resource :dns, on: :h do
            from_image "i"
            network do
              expose port: 53, protocol: :udp, balance: :fleet
            end
          end
        """))).containsExactly("9:49 warning: `balance:` has no effect on port 53 of resource `dns`: the edge does not"
            + " serve it | it applies to the TCP and HTTP ports of a release");
  }

  @Test
  void theResourcesOfOneTlsServiceGiveTheSameCertificate() {
    String app = """
          resource :%s, on: :h do
            from_image "i"
            network do
              expose port: 4000, as: 443, protocol: :https%s
            end
            deploy release: :my_app, version: "1.0.0"
          end
        """;
    String tls = ", cert: [from: :file, path: \"c.pem\"], key: [from: :file, path: \"k.pem\"]";
    assertThat(problems(topology(app.formatted("app_1", tls) + app.formatted("app_2", tls)))).isEmpty();
    assertThat(problems(topology(app.formatted("app_1", tls) + app.formatted("app_2", "")))).containsExactly(
        "16:7 error: resources `app_1` and `app_2` serve one service on port 443 with different `cert:`, `key:` or"
            + " `redirect_from:` | every host's edge serves a service with one certificate: give both the same TLS"
            + " settings");
  }

  @Test
  void instanceNamesIncusWouldRefuseOrThatCollide() {
    String longName = "x".repeat(70);
    assertThat(problems(topology("""
          resource :app_1, on: :h do
            from_image "i"
          end
          resource :"app-1", on: :h do
            from_image "i"
          end
          resource :%s, on: :h do
            from_image "i"
          end
        """.formatted(longName))))
        .containsExactly(
            "9:3 error: resources `app_1` and `app-1` both become Incus instance `t-app-1` | rename one of them: Incus names use '-' for '_'",
            "12:3 error: resource `" + longName + "` becomes Incus instance `t-" + longName
                + "`, which Incus refuses: it is 72 characters long, more than 63 | shorten or rename the topology or the resource");
    assertThat(problems("topology :\"9lives\" do\nend\n")).isEmpty();
    assertThat(problems("topology :\"9lives\" do\n" + "  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  resource :r, on: :h do\n    from_image \"i\"\n  end\nend\n"))
        .containsExactly("6:3 error: resource `r` becomes Incus instance `9lives-r`, which Incus refuses: it must start with a letter | shorten or rename the topology or the resource");
  }

  @Test
  void unknownPlatformWarnsWithSuggestion() {
    assertThat(problems("topology :t do\n  host :h do\n    address \"localhost\"\n    platform :icusos\n  end\n"
        + "  host :g do\n    address \"localhost\"\n    platform :beos\n  end\nend\n"))
        .containsExactly(
            "4:14 warning: host `h` has unknown platform `:icusos` | did you mean `:incusos`?",
            "8:14 warning: host `g` has unknown platform `:beos` | known platforms: debian, ubuntu, arch_linux, alpine, fedora, centos, rocky, alma, opensuse, nixos, incusos");
  }

  @Test
  void replicasAtLeastOne() {
    assertThat(problems(topology("  resource :r, on: :h do\n    from_image \"i\"\n    replicas 0\n  end\n")))
        .containsExactly("6:3 error: resource `r` has 0 replicas | `replicas` must be at least 1");
  }

  @Test
  void canaryStepsRiseToOneHundred() {
    assertThat(problems("strategy do\n  approach :canary\n  canary do\n    steps [50, 10]\n    instances 0\n    max_error_rate percent: 101\n  end\nend\n"
        + topology("")))
        .containsExactly(
            "3:3 error: canary `steps` [50, 10] must rise from 1 to 100 and end at 100 | write `steps [10, 50, 100]`",
            "3:3 error: canary `instances` is 0 | use at least 1",
            "3:3 error: canary `max_error_rate` 101.0% is not a percentage | use 0..100");
  }

  @Test
  void aManualCanaryMayEndBelow100ForItKeepsItsLastShareUntilPromoted() {
    assertThat(problems("strategy do\n  approach :canary\n  canary do\n    steps [10, 50]\n    promote :manual\n"
        + "  end\nend\n" + topology(""))).isEmpty();
    assertThat(problems("strategy do\n  approach :canary\n  canary do\n    steps [50, 10]\n    promote :manual\n"
        + "  end\nend\n" + topology("")))
        .containsExactly("3:3 error: canary `steps` [50, 10] must rise from 1 to 100 | write `steps [10, 50]`: with"
            + " `promote :manual` the canaries keep the last step's share until `cul8er promote`");
  }

  @Test
  void canaryEvidenceNeedsAPositiveCountAndAWaitOfAtLeastOnePause() {
    assertThat(problems("strategy do\n  approach :canary\n  canary do\n    pause seconds: 30\n    min_requests -1\n"
        + "    max_wait seconds: 10\n  end\nend\n" + topology("")))
        .containsExactly(
            "5:18 error: canary `min_requests` is -1 | use 0 (no minimum) or more responses per step",
            "6:23 error: canary `max_wait seconds: 10` is shorter than its `pause seconds: 30`"
                + " | wait at least one pause, or leave `max_wait` out for 5 pauses");
  }

  @Test
  void canaryMaxWaitOfOnePauseOrMoreIsValidAndIdleWithoutMinRequests() {
    assertThat(problems("strategy do\n  approach :canary\n  canary do\n    pause seconds: 30\n"
        + "    max_wait seconds: 30\n  end\nend\n" + topology(""))).isEmpty();
    assertThat(problems("strategy do\n  approach :canary\n  canary do\n    min_requests 0\n"
        + "    max_wait minutes: 5\n  end\nend\n" + topology("")))
        .containsExactly("5:23 warning: canary `max_wait` has no effect with `min_requests 0`"
            + " | it bounds the wait for `min_requests` responses");
  }

  @Test
  void canaryEvidenceOfATopologyBuiltInJavaIsPlacedAtTheCanary() {
    io.cul8er.model.Topology parsed = Dsl.parse("v.cul8", topology("")).topologies().get(0);
    io.cul8er.model.Strategy s = parsed.strategy();
    io.cul8er.model.Canary c = s.canary();
    io.cul8er.model.SourcePos at = new io.cul8er.model.SourcePos("j.cul8", 9, 3);
    io.cul8er.model.Canary built = new io.cul8er.model.Canary(c.instances(), c.steps(), c.pause(),
        c.maxErrorRatePercent(), c.autoPromote(), -5, java.util.Optional.of(java.time.Duration.ofSeconds(29)), at);
    io.cul8er.model.Topology topology = new io.cul8er.model.Topology(parsed.name(), parsed.hosts(), parsed.resources(),
        parsed.clusters(), new io.cul8er.model.Strategy(io.cul8er.model.Approach.CANARY, s.batchSize(), s.healthcheck(),
            s.rollback(), s.blueGreen(), built, s.pos()), parsed.observability(), parsed.state(), parsed.pos());

    assertThat(Validator.validate(List.of(topology)))
        .extracting(d -> d.pos() + " " + d.message()).containsExactly(
            "j.cul8:9:3 canary `min_requests` is -5",
            "j.cul8:9:3 canary `max_wait seconds: 29` is shorter than its `pause seconds: 30`");
  }

  @Test
  void clusterRuntimeMustMatchDiscovery() {
    assertThat(problems(topology("""
          resource :a, on: :h do
            from_image "i"
            deploy release: :a, version: "1", runtime: :jvm
          end
          cluster :c do
            nodes [:a]
            discovery strategy: Cluster.Strategy.Epmd
          end
        """)))
        .containsExactly("10:3 error: cluster `c` uses Cluster.Strategy.Epmd, a BEAM strategy, but node `a` runs a JVM release | choose a discovery strategy for JVM");
  }

  @Test
  void strategyHealthcheckAndConnectionNumbers() {
    assertThat(problems("""
        topology :t do
          host :h do
            address "10.0.0.1"
            platform :debian
            ssh port: 0
          end
          strategy do
            batch_size 0
            healthcheck do
              tcp port: 70000
              interval seconds: 0
              retries -1
            end
            rollback do
              retain -1
            end
          end
        end
        """))
        .containsExactly(
            "5:5 error: the SSH port of host `h` is 0, outside 1..65535",
            "7:3 error: `batch_size` is 0 | deploy at least 1 instance per batch",
            "9:5 error: the health check `tcp port:` is 70000, outside 1..65535",
            "9:5 error: health check `interval` and `timeout` must be positive",
            "9:5 error: `retries` is -1 | retry 0 or more times",
            "14:5 error: `retain` is -1 | keep 0 or more snapshots");
  }

  @Test
  void environmentAndFiles() {
    assertThat(problems(topology("""
          resource :r, on: :h do
            from_image "i"
            env "1BAD", "x"
            file "etc/x", content: "c", mode: 0o10000, uid: -1
          end
        """)))
        .containsExactly(
            "8:5 error: environment variable name `1BAD` of resource `r` is invalid | use letters, digits and '_', not starting with a digit",
            "9:5 error: file `etc/x` of resource `r` is not an absolute path | write the path inside the instance, like \"/etc/app.conf\"",
            "9:5 error: file mode 4096 of resource `r` is invalid | write it in octal, like `mode: 0o644`",
            "9:5 error: file `etc/x` of resource `r` has a negative owner | uid: and gid: are at least 0");
  }

  @Test
  void negativeDurationsAreRefusedForEverySetting() {
    assertThat(problems("""
        strategy do
          approach :canary
          healthcheck do
            endpoint "http://localhost:4000/health"
            interval seconds: -1
            timeout milliseconds: -2
            grace_period seconds: -5
          end
          canary do
            pause seconds: -1
          end
        end
        """ + topology("""
          strategy do
            approach :blue_green
            blue_green do
              keep_old seconds: -10
            end
          end
          cluster :c do
            nodes [:r]
            formation_timeout minutes: -1
          end
          resource :r, on: :h do
            from_image "i"
          end
        """)))
        .containsExactly(
            "5:23 error: `interval seconds: -1` is negative | a duration is 0 or more",
            "6:27 error: `timeout milliseconds: -2` is negative | a duration is 0 or more",
            "7:27 error: `grace_period seconds: -5` is negative | a duration is 0 or more",
            "10:20 error: `pause seconds: -1` is negative | a duration is 0 or more",
            "21:25 error: `keep_old seconds: -10` is negative | a duration is 0 or more",
            "26:32 error: `formation_timeout minutes: -1` is negative | a duration is 0 or more");
  }

  @Test
  void approachSettingsUnderAnotherApproachWarn() {
    assertThat(problems(topology("""
          strategy do
            canary do
              steps [50, 100]
            end
            blue_green do
              keep_old minutes: 5
            end
          end
        """)))
        .containsExactly(
            "7:5 warning: `canary` settings have no effect with `approach :rolling` | they apply to `approach :canary`",
            "10:5 warning: `blue_green` settings have no effect with `approach :rolling` | they apply to `approach :blue_green`");
    assertThat(problems(topology("  strategy do\n    approach :blue_green\n    canary do\n    end\n  end\n")))
        .containsExactly("8:5 warning: `canary` settings have no effect with `approach :blue_green` | they apply to `approach :canary`");
    assertThat(problems(topology("  strategy do\n    approach :canary\n    canary do\n    end\n  end\n"))).isEmpty();
  }

  @Test
  void environmentVariableAndClusterNodeGivenTwice() {
    assertThat(problems(topology("""
          resource :r, on: :h do
            from_image "i"
            env "X", "1"
            environment do
              secret "X", from: :system, key: "X"
            end
          end
          cluster :c do
            nodes [:r, :r]
          end
        """)))
        .containsExactly(
            "10:7 error: environment variable `X` of resource `r` is set twice | the first is at line 8; keep one",
            "14:16 error: cluster `c` names node `:r` twice | list each node once");
  }

  @Test
  void emptyNames() {
    assertThat(problems("topology :\"\" do\nend\n"))
        .containsExactly("1:1 error: a topology has an empty name | name it with a non-empty atom, like `:web`");
    assertThat(problems("topology :t do\n  host :\"\" do\n    address \"localhost\"\n    platform :debian\n  end\nend\n"))
        .containsExactly("2:3 error: a host has an empty name | name it with a non-empty atom, like `:web`");
    assertThat(problems(topology("  resource :\"\", on: :h do\n    from_image \"i\"\n  end\n")))
        .containsExactly("6:3 error: a resource has an empty name | name it with a non-empty atom, like `:web`");
  }

  @Test
  void passwordsInTheStateUrlAreRefused() {
    String hint = " | give the password in the environment variable PGPASSWORD, or as `password: [from: :system,"
        + " key: \"NAME\"]` or `password: [from: :file, path: \"...\"]`";
    assertThat(problems("state backend: :postgres, url: \"jdbc:postgresql://db/x?user=u&password=p\"\n" + topology("")))
        .containsExactly("1:1 error: the state `url:` contains a password (parameter `password`); a password never"
            + " comes from the topology" + hint);
    assertThat(problems("state backend: :postgres, url: \"jdbc:postgresql://u:p@db:5432/x\"\n" + topology("")))
        .containsExactly("1:1 error: the state `url:` contains a password (before `@`); a password never comes"
            + " from the topology" + hint);
    assertThat(problems("state backend: :postgres, url: \"jdbc:postgresql://u@db/x\"\n" + topology("")))
        .containsExactly("1:1 error: the state `url:` names a user before `@`, which the PostgreSQL driver does not"
            + " read | write it as `jdbc:postgresql://HOST:PORT/DATABASE?user=NAME`");
    assertThat(problems("state backend: :postgres, url: \"postgres://db/x\"\n" + topology("")))
        .containsExactly("1:1 error: the state `url:` is not a PostgreSQL JDBC URL"
            + " | write it as `jdbc:postgresql://HOST:PORT/DATABASE?user=NAME`");
    assertThat(problems("state backend: :postgres, url: \"jdbc:postgresql://db:5432/x?user=u\", "
        + "password: [from: :system, key: \"PGPASSWORD\"]\n" + topology(""))).isEmpty();
  }

  @Test
  void imageReferences() {
    assertThat(problems(topology("""
          resource :a, on: :h do
            from_image ""
          end
          resource :b, on: :h do
            from_image "images:"
          end
          resource :c, on: :h do
            from_image "has space"
          end
          resource :d, on: :h do
            from_image "/alpine"
          end
          resource :e, on: :h do
            from_image ":alpine"
          end
          resource :f, on: :h do
            from_image "imagse:alpine/3.19"
          end
          resource :g, on: :h do
            from_image "nosuchremote:x"
          end
          resource :ok, on: :h do
            from_image "images:alpine/3.19"
          end
        """)))
        .containsExactly(
            "7:16 error: the image of resource `a` has an empty alias | name an image, like `from_image \"images:alpine/3.19\"`",
            "10:16 error: the image of resource `b` has an empty alias | name an image, like `from_image \"images:alpine/3.19\"`",
            "13:16 error: the image alias `has space` of resource `c` is invalid: it contains a space | an Incus image alias has no spaces or control characters and does not start or end with '/'",
            "16:16 error: the image alias `/alpine` of resource `d` is invalid: it starts or ends with '/' | an Incus image alias has no spaces or control characters and does not start or end with '/'",
            "19:16 error: the image `:alpine` of resource `e` has an empty remote before `:` | write `images:alpine/3.19` for a remote image, or the alias alone for a local one",
            "22:16 warning: the image remote `imagse` of resource `f` is unknown | did you mean `images`?",
            "25:16 warning: the image remote `nosuchremote` of resource `g` is unknown | known remotes: images");
  }
}
