package io.cul8er.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The subcommands, registered lazily: picocli inspects every registered command at start-up, so
 * a run registers only the command it executes (all of them for help, completion or a mistyped
 * name, so that usage and suggestions stay complete).
 */
final class Subcommands {
  private static final String COMPLETION = "generate-completion";
  private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("validate", ValidateCommand::new);
    ALL.put("inspect", InspectCommand::new);
    ALL.put("plan", PlanCommand::new);
    ALL.put("apply", ApplyCommand::new);
    ALL.put("deploy", DeployCommand::new);
    ALL.put("status", StatusCommand::new);
    ALL.put("rollback", RollbackCommand::new);
    ALL.put("restore", RestoreCommand::new);
    ALL.put("logs", LogsCommand::new);
    ALL.put("metrics", MetricsCommand::new);
    ALL.put("events", EventsCommand::new);
    ALL.put("destroy", DestroyCommand::new);
    ALL.put("lock", LockCommand::new);
    ALL.put("setup", SetupCommand::new);
    ALL.put(COMPLETION, AutoComplete.GenerateCompletion::new);
  }

  private Subcommands() {}

  static void register(CommandLine cli, String... args) {
    String chosen = firstWord(args);
    if (chosen != null && ALL.containsKey(chosen) && !chosen.equals(COMPLETION)) {
      cli.addSubcommand(chosen, ALL.get(chosen).get());
      return;
    }
    ALL.forEach((name, command) -> cli.addSubcommand(name, command.get()));
  }

  private static String firstWord(String... args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return null;
  }
}
