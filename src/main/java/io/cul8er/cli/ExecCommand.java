package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.Engine;
import io.cul8er.incus.ExecIo;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = "Runs a command in an instance of a resource as its release runs: with the release's"
        + " environment and secrets, in its active version's directory. On a terminal (stdin and stdout both"
        + " terminals) the command gets one; otherwise stdin, stdout and stderr are piped. The command's exit"
        + " code is cul8er's.",
    footer = {"", "Example: cul8er exec production web -- bin/hello eval 'IO.puts(:ok)'",
        "         cul8er exec production web --instance 2 -- sh"})
final class ExecCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;
  @Parameters(index = "1", paramLabel = "RESOURCE") String resource;
  @Parameters(index = "2..*", paramLabel = "CMD", arity = "0..*",
      description = "The command and its arguments, after --.")
  List<String> command;

  @Option(names = "--instance", paramLabel = "N",
      description = "Which instance, counted from 1 in name order (default: the first).")
  Integer instance;

  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (command == null || command.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "name the command to run after --, e.g. `cul8er exec "
          + name + " " + resource + " -- sh`");
    }
    if (instance != null && instance < 1) {
      throw new ParameterException(spec.commandLine(), "--instance counts from 1, got " + instance);
    }
    try (Deployment deployment = Session.open(files, name, Engine.Settings.defaults(), spec.commandLine().getErr())) {
      spec.commandLine().getOut().flush();
      // The command's bytes go to this process's own streams, untouched.
      FileOutputStream out = new FileOutputStream(FileDescriptor.out);
      FileOutputStream err = new FileOutputStream(FileDescriptor.err);
      FileInputStream in = new FileInputStream(FileDescriptor.in);
      OptionalInt number = instance == null ? OptionalInt.empty() : OptionalInt.of(instance);
      if (System.console() == null) {
        return deployment.exec(resource, number, command, new ExecIo(in, out, err, java.util.Optional.empty()));
      }
      try (LocalTerminal terminal = LocalTerminal.raw()) {
        return deployment.exec(resource, number, command, new ExecIo(in, out, err, terminal.size()));
      }
    }
  }
}
