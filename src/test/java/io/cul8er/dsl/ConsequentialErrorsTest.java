package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One mistake, one diagnostic: a malformed block header does not hide the block's body, and an
 * error does not drag in errors that only follow from it.
 */
class ConsequentialErrorsTest {

  private static List<String> problems(String text) {
    return Dsl.parse("c.cul8", text).diagnostics().stream()
        .map(d -> d.pos().line() + ":" + d.pos().column() + " " + d.severity().label() + ": " + d.message())
        .toList();
  }

  @Test
  void aBadHeaderStillChecksTheBodyAndKeepsTheElementForReferences() {
    assertThat(problems("""
        topology :t do
          host :h, port: 1 do
            address "localhost"
            platfrom :debian
          end
          resource :r, typ: :container, on: :h do
            from_imag "i"
            replicas 0
            limits do
              cpu cores: 0
            end
            network do
              expose port: -1, protocol: :htp
            end
            env "A", "1"
            env "A", "2"
          end
          cluster :c do
            nodes [:r]
          end
        end
        """)).containsExactly(
            "2:12 error: unknown option `port:` for `host`",
            "4:5 error: unknown setting `platfrom` in `host`",
            "6:16 error: unknown option `typ:` for `resource`",
            "7:5 error: unknown setting `from_imag` in `resource`",
            "13:34 error: unknown protocol `:htp`",
            "6:3 error: resource `r` has 0 replicas",
            "10:18 error: resource `r` asks for 0 CPU cores",
            "13:20 error: `expose port:` of resource `r` is -1, outside 1..65535",
            "16:5 error: environment variable `A` of resource `r` is set twice");
  }

  @Test
  void aTopologyWithABadNameIsStillChecked() {
    assertThat(problems("""
        topology "prod" do
          host :h do
            adress "localhost"
            platform :debian
          end
          resource :r, on: :nohost do
            from_image "i"
          end
        end
        """)).containsExactly(
            "1:10 error: `topology` expects an atom, got a string",
            "3:5 error: unknown setting `adress` in `host`",
            "6:20 error: resource `r` is placed on unknown host `:nohost`");
  }

  @Test
  void elementsWithBadNamesDoNotMakeReferencesToThemUnknown() {
    assertThat(problems("""
        topology :t do
          host "h" do
            address "localhost"
            platform :debian
          end
          resource "r", on: :h do
            from_image "i"
          end
          cluster 1 do
            nodes [:r]
          end
        end
        """)).containsExactly(
            "2:8 error: `host` expects an atom, got a string",
            "6:12 error: `resource` expects an atom, got a string",
            "9:11 error: `cluster` expects an atom, got an integer");
  }

  @Test
  void aBlockWithoutItsDoBodyReportsOnlyThat() {
    assertThat(problems("topology :t do\n  host :h\n  cluster :c\nend\n")).containsExactly(
        "2:3 error: `host` needs a `do ... end` block",
        "3:3 error: `cluster` needs a `do ... end` block");
  }

  @Test
  void aMalformedSettingIsNotAlsoReportedMissing() {
    assertThat(problems("""
        topology :t do
          host :h do
            address 42
            platform "debian"
          end
          cluster :c do
            nodes :r
          end
          strategy do
            healthcheck do
              endpont "http://localhost/health"
            end
          end
        end
        """)).containsExactly(
            "3:13 error: `address` expects a string, got an integer",
            "4:14 error: `platform` expects an atom, got a string",
            "7:11 error: `nodes` expects a list of atoms, got an atom",
            "11:7 error: unknown setting `endpont` in `healthcheck`");
  }

  @Test
  void aNumberTooLargeIsOneError() {
    assertThat(problems("topology :t do\n  host :h do\n    address \"localhost\"\n    platform :debian\n"
        + "    ssh port: 99999999999999999999\n  end\nend\n"))
        .containsExactly("5:15 error: number `99999999999999999999` is too large");
  }

  @Test
  void exposeAsIsReportedOnlyWhenItWasGivenWrongly() {
    String top = "topology :t do\n  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  resource :r, on: :h do\n    from_image \"i\"\n    network do\n";
    assertThat(problems(top + "      expose port: -1\n    end\n  end\nend\n"))
        .containsExactly("9:20 error: `expose port:` of resource `r` is -1, outside 1..65535");
    assertThat(problems(top + "      expose port: -1, as: -1\n    end\n  end\nend\n")).containsExactly(
        "9:20 error: `expose port:` of resource `r` is -1, outside 1..65535",
        "9:28 error: `expose as:` of resource `r` is -1, outside 1..65535");
  }

  @Test
  void aClusterAtFileLevelNamesTheTopologyItsErrorIsIn() {
    assertThat(problems("""
        cluster :c do
          nodes [:x, :x]
        end
        topology :a do
        end
        topology :b do
        end
        """)).containsExactly(
            "2:10 error: cluster `c` (in topology `a`) names unknown node `:x`",
            "2:14 error: cluster `c` names node `:x` twice",
            "2:10 error: cluster `c` (in topology `b`) names unknown node `:x`");
  }
}
