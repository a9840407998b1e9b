package io.cul8er.dsl;

import static io.cul8er.dsl.ValidatorTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.LocalHooks;
import io.cul8er.model.ReleaseHooks;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Topology;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code hooks} in a topology (local) and in a resource (in an instance), and {@code migrate:}. */
class HooksDslTest {
  private static String topology(String topologyLevel, String resource) {
    return "topology :t do\n  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + topologyLevel
        + "  resource :web, on: :h do\n    from_image \"cul8er/userland\"\n" + resource + "  end\nend\n";
  }

  private static Topology read(String topologyLevel, String resource) {
    ParseResult parsed = Dsl.parse("h.cul8", topology(topologyLevel, resource));
    assertThat(parsed.diagnostics()).as(parsed.render()).isEmpty();
    return parsed.topologies().get(0);
  }

  private static ReleaseHooks releaseHooks(Topology topology) {
    return topology.resources().get(0).release().orElseThrow().hooks();
  }

  @Test
  void migrateOnDeployIsTheBeforeSwitchHook() {
    Topology t = read("", "    deploy release: :app, version: \"1.0.0\", migrate: \"bin/app migrate\"\n");

    assertThat(releaseHooks(t)).isEqualTo(new ReleaseHooks(Optional.of("bin/app migrate"), Optional.empty(),
        Duration.ofMinutes(10), SourcePos.NONE));
    assertThat(t.hooks()).isEqualTo(LocalHooks.NONE);
  }

  @Test
  void bothBlocksAreRead() {
    Topology t = read("""
          hooks do
            pre_deploy "scripts/check.sh"
            post_deploy "scripts/notify.sh"
            timeout seconds: 30
          end
        """, """
            deploy release: :app, version: "1.0.0"
            hooks do
              before_switch "bin/app migrate"
              after_deploy "bin/app warm"
              timeout minutes: 2
            end
        """);

    assertThat(releaseHooks(t)).isEqualTo(new ReleaseHooks(Optional.of("bin/app migrate"), Optional.of("bin/app warm"),
        Duration.ofMinutes(2), SourcePos.NONE));
    assertThat(t.hooks()).isEqualTo(new LocalHooks(Optional.of("scripts/check.sh"), Optional.of("scripts/notify.sh"),
        Duration.ofSeconds(30), SourcePos.NONE));
  }

  @Test
  void printedHooksReadBackTheSame() {
    Topology parsed = read("  hooks do\n    post_deploy \"scripts/notify.sh\"\n  end\n",
        "    deploy release: :app, version: \"1.0.0\", migrate: \"bin/app migrate\"\n");

    assertThat(Dsl.parse("p.cul8", DslPrinter.print(parsed)).topologies()).containsExactly(parsed);
  }

  @Test
  void aHookInTheWrongBlockSaysWhereItBelongs() {
    assertThat(problems(topology("  hooks do\n    before_switch \"bin/app migrate\"\n  end\n",
        "    deploy release: :app, version: \"1.0.0\"\n    hooks do\n      pre_deploy \"make\"\n    end\n")))
        .containsExactly(
            "7:5 error: `before_switch` runs in an instance of a release, not on the deploying machine"
                + " | move it into the `hooks` block of the resource that deploys the release",
            "13:7 error: `pre_deploy` runs on the deploying machine, not in an instance of the release"
                + " | move it into the topology's `hooks` block");
  }

  @Test
  void aMigrationGivenTwiceAnEmptyCommandAndHooksWithoutAReleaseAreErrors() {
    assertThat(problems(topology("", "    deploy release: :app, version: \"1\", migrate: \"a\"\n"
        + "    hooks do\n      before_switch \"b\"\n      after_deploy \"\"\n      timeout milliseconds: 10\n    end\n")))
        .containsExactly(
            "11:20 error: `after_deploy` is an empty command | give the command to run, e.g. \"bin/my_app migrate\"",
            "12:7 error: a hook `timeout` of 10 ms is shorter than a second | give at least `seconds: 1`",
            "8:50 error: resource `web` gives its migration twice: `migrate:` and `before_switch` | keep one of them");
    assertThat(problems(topology("", "    hooks do\n      before_switch \"bin/app migrate\"\n    end\n")))
        .containsExactly("8:5 error: the hooks of resource `web` run in an instance of its release, but it deploys"
            + " none | add `deploy release: :name, version: \"1.0.0\"`, or move `pre_deploy` and `post_deploy` into"
            + " the topology's `hooks` block");
  }

  @Test
  void aMisspeltHookIsUnknownWithASuggestion() {
    assertThat(problems(topology("", "    deploy release: :app, version: \"1\"\n    hooks do\n"
        + "      before_swich \"b\"\n    end\n")))
        .containsExactly("10:7 error: unknown setting `before_swich` in `hooks` | did you mean `before_switch`?");
  }
}
