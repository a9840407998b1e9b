package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.MaintenanceResult;
import io.cul8er.model.Maintenance;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "maintenance",
    mixinStandardHelpOptions = true,
    description = {
      "Turns maintenance mode on or off: every edge serving the topology answers its HTTP ports with 503,",
      "a page with the message and Retry-After, and closes new connections to its TCP ports, while its",
      "health checks go on. Recorded in the state: deploys keep it, status and plan show it."
    })
final class MaintenanceCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "on|off", completionCandidates = Switch.class,
      description = "on: answer for the instances; off: serve them again.")
  String mode;

  @Parameters(index = "1", paramLabel = "TOPOLOGY") String name;

  @Option(names = "--message", paramLabel = "TEXT",
      description = "With on: what the page says (plain text, at most " + Maintenance.MAX_MESSAGE
          + " characters). Default: " + Maintenance.DEFAULT_MESSAGE)
  Optional<String> message;

  @Option(names = "--retry-after", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "With on: the Retry-After the 503s carry, whole seconds (e.g. 60s, 5m). Default: 60s.")
  Optional<Duration> retryAfter;

  @Option(names = "--json", description = "Print the result as JSON.") boolean json;

  @Mixin EngineOptions engine;
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  /** The two words {@code on|off} may be, for completion. */
  static final class Switch extends java.util.ArrayList<String> {
    Switch() {
      super(java.util.List.of("on", "off"));
    }
  }

  @Override
  public Integer call() throws Exception {
    Optional<Maintenance> wanted = wanted();
    PrintWriter out = spec.commandLine().getOut();
    try (Deployment deployment = Session.open(files, name, engine.settings(), spec.commandLine().getErr())) {
      MaintenanceResult result = deployment.maintenance(wanted);
      out.print(json ? ModelJson.write(result) + "\n" : text(result));
      return ExitCodes.OK;
    }
  }

  private Optional<Maintenance> wanted() {
    if (mode.equals("off")) {
      if (message.isPresent() || retryAfter.isPresent()) {
        throw new ParameterException(spec.commandLine(), "--message and --retry-after go with `on`, not `off`");
      }
      return Optional.empty();
    }
    if (!mode.equals("on")) {
      throw new ParameterException(spec.commandLine(), "Say `on` or `off`, not `" + mode + "`");
    }
    return Optional.of(new Maintenance(Instant.now().truncatedTo(ChronoUnit.SECONDS), message.orElse(Maintenance.DEFAULT_MESSAGE),
        retryAfter.orElse(Maintenance.DEFAULT_RETRY_AFTER)));
  }

  /** {@code maintenance of shop: on since ..., Retry-After 60s, message "..."} and the edges rewritten. */
  static String text(MaintenanceResult result) {
    return "maintenance of " + result.topology() + ": " + result.maintenance().map(Maintenance::describe).orElse("off")
        + "\nedges rewritten: " + String.join(", ", result.edges()) + "\n";
  }
}
