package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Expose;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code domains:} of an {@code expose ..., protocol: :http} or {@code :https}: the names the port answers. */
class ExposeDomainsDslTest {
  private static String network(String expose) {
    return "topology :t do\n  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  resource :web, on: :h do\n    from_image \"images:alpine/3.19\"\n"
        + "    network do\n      " + expose + "\n    end\n  end\nend\n";
  }

  private static Expose expose(String text) {
    return Dsl.parse("v.cul8", text).topologies().get(0).resources().get(0).exposes().get(0);
  }

  @Test
  void readsTheNamesAndWildcardsAndPrintsThemBack() {
    String text = network("expose port: 4000, as: 443, protocol: :https, domains: [\"shop.example.com\", \"*.shop.example.com\"]");

    assertThat(ValidatorTest.problems(text)).isEmpty();
    assertThat(expose(text).domains()).containsExactly("shop.example.com", "*.shop.example.com");
    assertThat(DslPrinter.print(Dsl.parse("v.cul8", text).topologies().get(0))).contains("expose port: 4000, as: 443,"
        + " protocol: :https, domains: [\"shop.example.com\", \"*.shop.example.com\"]\n");
    assertThat(expose(network("expose port: 4000, as: 80, protocol: :http, domains: [\"blog.example.com\"]")).domains())
        .containsExactly("blog.example.com");
    assertThat(expose(network("expose port: 4000, as: 80, protocol: :http")).domains()).isEmpty();
  }

  @Test
  void anEmptyListIsAPositionedErrorThatSaysWhatLeavingItOutMeans() {
    assertThat(ValidatorTest.problems(network("expose port: 4000, as: 80, protocol: :http, domains: []")))
        .containsExactly("9:60 error: `domains:` is empty | name at least one host name, e.g. [\"shop.example.com\"],"
            + " or remove `domains:` (the port then answers every name and is the topology's alone on each host)");
  }

  @Test
  void eachInvalidNameIsAnErrorWhereItIsWrittenWithAHint() {
    assertThat(ValidatorTest.problems(network("expose port: 4000, as: 80, protocol: :http, domains: [\"Shop.Example.com\","
        + " \"https://shop.example.com/\", \"shop.example.com:443\", \"shop..example.com\", \"a.*.example.com\","
        + " \"shop_1.example.com\", \"\", \"shop.example.com.\"]"))).containsExactly(
        "9:61 error: domain \"Shop.Example.com\" has upper-case letters | write \"shop.example.com\": names are matched"
            + " ignoring case",
        "9:81 error: domain \"https://shop.example.com/\" is a URL, not a host name | write \"shop.example.com\"",
        "9:110 error: domain \"shop.example.com:443\" has a port | write \"shop.example.com\": the port is `as:`",
        "9:134 error: domain \"shop..example.com\" has an empty label (two dots in a row, or a leading dot) | write a"
            + " host name such as \"shop.example.com\" or \"*.example.com\"",
        "9:155 error: domain \"a.*.example.com\" has a `*` that is not the whole leftmost label | a wildcard is written"
            + " \"*.example.com\" and stands for one label",
        "9:174 error: domain \"shop_1.example.com\" has the label `shop_1`, which is not 1 to 63 letters, digits and"
            + " `-` (not first or last) | write a host name such as \"shop.example.com\" or \"*.example.com\"",
        "9:196 error: domain \"\" is empty | write a host name such as \"shop.example.com\"",
        "9:200 error: domain \"shop.example.com.\" ends with a dot | write \"shop.example.com\"");
  }

  @Test
  void aNameTwiceOrOneAWildcardOfTheListCoversIsAnError() {
    assertThat(ValidatorTest.problems(network("expose port: 4000, as: 80, protocol: :http, domains: [\"*.example.com\","
        + " \"shop.example.com\", \"*.example.com\", \"example.com\"]"))).containsExactly(
        "9:78 error: domain \"shop.example.com\" overlaps \"*.example.com\" in the same `domains:` | list each name once",
        "9:98 error: `domains:` names \"*.example.com\" twice | list each name once");
  }

  @Test
  void namesAreForHttpAndHttpsPortsOnly() {
    assertThat(ValidatorTest.problems(network("expose port: 5432, protocol: :tcp, domains: [\"db.example.com\"]")))
        .containsExactly("9:51 error: `domains:` is for `protocol: :http` or `:https`, where the edge reads the host"
            + " name of each request | remove `domains:`, or use `protocol: :http` or `:https`");
  }

  @Test
  void theResourcesOfOneServiceAnswerTheSameNames() {
    String app = """
          resource :%s, on: :h do
            from_image "i"
            network do
              expose port: 4000, as: 443, protocol: :https%s
            end
            deploy release: :my_app, version: "1.0.0"
          end
        """;
    String topology = "topology :t do\n  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n%send\n";
    assertThat(ValidatorTest.problems(topology.formatted(app.formatted("app_1", ", domains: [\"a.example.com\"]")
        + app.formatted("app_2", ", domains: [\"b.example.com\"]")))).containsExactly(
        "16:62 error: resources `app_1` and `app_2` serve one service on port 443 with different `domains:` | every"
            + " host's edge answers a service's names for all its resources: give both the same `domains:`");
  }
}
