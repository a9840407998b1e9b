package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.Capabilities;
import io.cul8er.engine.Engine;
import io.cul8er.engine.PlanResult;
import io.cul8er.plan.PlanJson;
import io.cul8er.plan.PlanRenderer;
import io.cul8er.plan.SavedPlan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "plan",
    description = {
      "Shows what apply would change, and what changed outside C U L8er.",
      "Compares the topology (desired), the state (recorded) and Incus (actual): create, update in",
      "place, replace or destroy, each with its reason; drift is listed first. Changes nothing."
    })
final class PlanCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--version", paramLabel = "VERSION",
      description = "Plan with this version of the topology's releases, as `deploy --version` would deploy it.")
  java.util.Optional<String> version;

  @Option(names = "--json", description = "Print the plan as JSON.") boolean json;

  @Option(names = "--detailed-exitcode", description = "Exit 0 with no changes, 2 with changes, 1 on error.")
  boolean detailedExitCode;

  @Option(names = "--out", paramLabel = "FILE", description = "Save the plan; `cul8er apply FILE` executes exactly it.")
  Path out;

  @Option(names = "--destroy", description = "Plan the destruction of everything the topology owns.")
  boolean destroy;

  @Option(names = "--no-color", description = "Plain text even on a terminal.") boolean noColor;

  @Option(names = "--accept-new-host-key",
      description = "Add the SSH host key of a host not yet in known_hosts to it (after you verified it). A changed key is always refused.")
  boolean acceptNewHostKey;

  @Mixin RefreshOption refresh;
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var stdout = spec.commandLine().getOut();
    try (Deployment deployment = Session.open(files, name,
        refresh.applyTo(Engine.Settings.defaults().withAcceptNewHostKeys(acceptNewHostKey)), version,
        spec.commandLine().getErr())) {
      PlanResult result = destroy ? deployment.planDestroy() : deployment.plan();
      SavedPlan saved = SavedPlan.of(result.plan(), Instant.now());
      if (json) {
        var root = PlanJson.tree(saved);
        ReleaseSection.addTo(root, result);
        root.set("agent", AgentSection.json(AgentSection.read(deployment.state()), Instant.now()));
        stdout.print(PlanJson.text(root, result.plan().topology()));
      } else {
        PlanRenderer renderer = Terminal.interactive() && !noColor ? PlanRenderer.color() : PlanRenderer.plain();
        stdout.print(refreshed(deployment.model().hosts().size(), result.plan().unreachable().size(), result.apiRequests())
            + "\n\n");
        stdout.print(renderer.render(result.plan()));
        stdout.print(ReleaseSection.render(result, name));
        stdout.print(AgentSection.planText(AgentSection.read(deployment.state())));
      }
      List<String> unsupported = Capabilities.notYetSupported(deployment.model());
      if (!unsupported.isEmpty() && !destroy) {
        var err = spec.commandLine().getErr();
        err.println("\nWarning: apply will refuse this topology: it uses settings this version does not apply yet:");
        unsupported.forEach(problem -> err.println("  " + problem));
      }
      if (out != null) {
        saved.write(out);
        if (!json) {
          stdout.println("\nSaved the plan to " + out + ". Apply exactly it with: cul8er apply " + out
              + (refresh.refreshImages && !result.plan().imageUpdates().isEmpty() ? " --refresh-images" : ""));
        }
      }
      if (result.plan().hasErrors() || !result.plan().unreachable().isEmpty() || !result.plan().routeDrift().isEmpty()) {
        return ExitCodes.USER_ERROR;
      }
      if (!detailedExitCode) {
        return ExitCodes.OK;
      }
      return result.hasWork() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
  }

  /** "Refreshed 2 hosts with 5 Incus API requests.", or with the unreachable ones counted out. */
  static String refreshed(int hosts, int unreachable, long apiRequests) {
    String reached = unreachable == 0 ? plural(hosts, "host")
        : (hosts - unreachable) + " of " + plural(hosts, "host") + " (" + unreachable + " unreachable)";
    return "Refreshed " + reached + " with " + plural(apiRequests, "Incus API request") + ".";
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
