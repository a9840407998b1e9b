package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.EdgeLimits;
import io.cul8er.model.Expose;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code do ... end} block of an {@code expose}: the edge's limits for that port. */
class ExposeLimitsDslTest {
  private static String network(String expose) {
    return "topology :t do\n  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  resource :web, on: :h do\n    from_image \"images:alpine/3.19\"\n"
        + "    network do\n      " + expose + "\n    end\n"
        + "    deploy release: :app, version: \"1.0.0\"\n  end\nend\n";
  }

  private static String block(String protocol, String settings) {
    return network("expose port: 4000, as: 443, protocol: :" + protocol + " do\n        " + settings + "\n      end");
  }

  private static Expose expose(String text) {
    return Dsl.parse("v.cul8", text).topologies().get(0).resources().get(0).exposes().get(0);
  }

  @Test
  void readsEverySettingAndPrintsThemBack() {
    String text = block("https", """
        max_body megabytes: 50
                connect_timeout milliseconds: 1500
                client_timeout minutes: 1
                server_timeout minutes: 5
                max_connections 20
                rate_limit 300, minutes: 1
                hsts seconds: 31_536_000""");

    assertThat(ValidatorTest.problems(text)).isEmpty();
    EdgeLimits limits = expose(text).limits();
    assertThat(limits).isEqualTo(new EdgeLimits(50L << 20, Duration.ofMillis(1500), Duration.ofMinutes(1),
        Duration.ofMinutes(5), 20, new EdgeLimits.RateLimit(300, Duration.ofMinutes(1)),
        Optional.of(Duration.ofDays(365))));
    String printed = DslPrinter.print(Dsl.parse("v.cul8", text).topologies().get(0));
    assertThat(printed).contains("""
              expose port: 4000, as: 443, protocol: :https do
                max_body megabytes: 50
                connect_timeout milliseconds: 1500
                client_timeout minutes: 1
                server_timeout minutes: 5
                max_connections 20
                rate_limit 300, minutes: 1
                hsts hours: 8760
              end
        """);
    assertThat(expose(printed).limits()).isEqualTo(limits);
  }

  @Test
  void whatIsNotSetKeepsItsDefaultAndNoBlockMeansEveryDefault() {
    assertThat(expose(network("expose port: 4000, as: 8080, protocol: :http")).limits()).isEqualTo(EdgeLimits.DEFAULT);
    assertThat(expose(block("http", "max_connections 5")).limits())
        .isEqualTo(new EdgeLimits(10L << 20, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30), 5,
            new EdgeLimits.RateLimit(10_000, Duration.ofSeconds(10)), Optional.empty()));
    assertThat(DslPrinter.print(Dsl.parse("v.cul8", network("expose port: 4000, as: 8080, protocol: :http"))
        .topologies().get(0))).contains("      expose port: 4000, as: 8080, protocol: :http\n");
  }

  @Test
  void aLimitThatWouldBeUnlimitedOrRefuseEverythingIsAnErrorAtItsValue() {
    assertThat(ValidatorTest.problems(block("http", """
        max_body bytes: 0
                connect_timeout seconds: 0
                client_timeout hours: 600
                server_timeout seconds: -1
                max_connections 0
                rate_limit 0, seconds: 10""")))
        .containsExactly(
            "10:25 error: `max_body bytes: 0` would refuse every request with a body"
                + " | give at least 1 byte; the default is `megabytes: 10`",
            "11:34 error: `connect_timeout seconds: 0` is no time at all: HAProxy reads 0 as no timeout"
                + " | give at least `milliseconds: 1`",
            "12:31 error: `client_timeout hours: 600` is longer than HAProxy's longest timeout | give at most `hours: 576`",
            "13:33 error: `server_timeout seconds: -1` is negative | a duration is 0 or more",
            "14:25 error: `max_connections 0` would let no connection reach an instance"
                + " | give at least 1 connection per instance; the default is 100",
            "15:20 error: `rate_limit 0` would refuse every request"
                + " | give at least 1 request per period; the default is `rate_limit 10_000, seconds: 10`");
    assertThat(ValidatorTest.problems(block("http", "rate_limit 10, seconds: 0")))
        .containsExactly("10:33 error: `rate_limit 10, seconds: 0` has no period | count the requests over at least `seconds: 1`");
  }

  @Test
  void httpSettingsOnATcpPortAndHstsWithoutTlsAreErrorsAtTheSetting() {
    assertThat(ValidatorTest.problems(block("tcp", "max_body megabytes: 1\n        hsts seconds: 60\n        rate_limit 5, seconds: 1")))
        .containsExactly(
            "10:9 error: `max_body` is for HTTP ports; port 443 is `:tcp` | use `protocol: :http` or `:https`, or remove `max_body`",
            "11:9 error: `hsts` is for `protocol: :https`, where the edge terminates TLS; port 443 is `:tcp`"
                + " | add `protocol: :https` to the `expose` or remove `hsts`");
    assertThat(ValidatorTest.problems(block("http", "hsts seconds: 60"))).containsExactly(
        "10:9 error: `hsts` is for `protocol: :https`, where the edge terminates TLS; port 443 is `:http`"
            + " | add `protocol: :https` to the `expose` or remove `hsts`");
  }

  @Test
  void aMisspeltSettingGetsASuggestion() {
    assertThat(ValidatorTest.problems(block("http", "max_conections 5"))).containsExactly(
        "10:9 error: unknown setting `max_conections` in `expose` | did you mean `max_connections`?");
  }

  @Test
  void limitsOnAPortTheEdgeDoesNotServeAreAWarning() {
    String text = "topology :t do\n  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  resource :web, on: :h do\n    from_image \"images:alpine/3.19\"\n"
        + "    network do\n      expose port: 4000, as: 8080, protocol: :http do\n        max_connections 5\n"
        + "      end\n    end\n  end\nend\n";
    assertThat(ValidatorTest.problems(text)).containsExactly("9:52 warning: the limits of port 8080 of resource `web`"
        + " have no effect: the edge does not serve it | they apply to the TCP and HTTP ports of a release");
  }

  @Test
  void theResourcesOfOneServiceMustGiveTheSameLimits() {
    String text = """
        topology :t do
          host :h1 do
            address "10.0.1.20"
            platform :debian
          end
          host :h2 do
            address "10.0.1.21"
            platform :debian
          end
          resource :app_1, on: :h1 do
            from_image "cul8er/debian12"
            network do
              expose port: 4000, as: 443, protocol: :http do
                max_connections 5
              end
            end
            deploy release: :app, version: "1.0.0"
          end
          resource :app_2, on: :h2 do
            from_image "cul8er/debian12"
            network do
              expose port: 4000, as: 443, protocol: :http
            end
            deploy release: :app, version: "1.0.0"
          end
        end
        """;
    assertThat(ValidatorTest.problems(text)).containsExactly("22:7 error: resources `app_1` and `app_2` serve one"
        + " service on port 443 with different limits | every host's edge limits a service one way: give both the same"
        + " `expose ... do ... end` block");
  }
}
