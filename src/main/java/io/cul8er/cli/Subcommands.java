package io.cul8er.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The subcommands, registered lazily: picocli inspects every registered command at start-up, so
 * a run registers only the command it executes (all of them for help, completion or a mistyped
 * name, so that usage and suggestions stay complete).
 */
final class Subcommands {
  private static final String COMPLETION = "generate-completion";
  private static final String HELP = "help";
  private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("validate", ValidateCommand::new);
    ALL.put("inspect", InspectCommand::new);
    ALL.put("plan", PlanCommand::new);
    ALL.put("apply", ApplyCommand::new);
    ALL.put("deploy", DeployCommand::new);
    ALL.put("status", StatusCommand::new);
    ALL.put("promote", PromoteCommand::new);
    ALL.put("rollback", RollbackCommand::new);
    ALL.put("restore", RestoreCommand::new);
    ALL.put("rollout", RolloutCommand::new);
    ALL.put("logs", LogsCommand::new);
    ALL.put("exec", ExecCommand::new);
    ALL.put("metrics", MetricsCommand::new);
    ALL.put("events", EventsCommand::new);
    ALL.put("destroy", DestroyCommand::new);
    ALL.put("lock", LockCommand::new);
    ALL.put("agent", AgentCommand::new);
    ALL.put("maintenance", MaintenanceCommand::new);
    ALL.put("setup", SetupCommand::new);
    ALL.put(COMPLETION, AutoComplete.GenerateCompletion::new);
    ALL.put(HELP, CommandLine.HelpCommand::new);
  }

  private Subcommands() {}

  static void register(CommandLine cli, String... args) {
    String chosen = firstWord(args);
    if (chosen != null && ALL.containsKey(chosen) && !chosen.equals(COMPLETION) && !chosen.equals(HELP)) {
      cli.addSubcommand(chosen, ALL.get(chosen).get());
    } else {
      ALL.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    }
    cli.getSubcommands().values().forEach(Subcommands::showTheToolsVersion);
  }

  /**
   * {@code -V} (and {@code --version} where a command does not use it for a release version) prints
   * the tool's version on every command, not the empty version picocli gives a subcommand.
   */
  private static void showTheToolsVersion(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    spec.versionProvider(new VersionProvider());
    if (spec.findOption("-V") == null) {
      List<String> names = spec.findOption("--version") == null ? List.of("-V", "--version") : List.of("-V");
      spec.addOption(OptionSpec.builder(names.toArray(String[]::new)).versionHelp(true)
          .description("Print version information and exit.").build());
    }
    command.getSubcommands().values().forEach(Subcommands::showTheToolsVersion);
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
