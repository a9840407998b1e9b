package io.cul8er.cli;

import io.cul8er.engine.Workers;
import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.model.Topology;
import io.cul8er.setup.HostShells;
import io.cul8er.setup.Setup;
import io.cul8er.setup.SetupReport;
import io.cul8er.ssh.SshSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = {
      "Prepares every host of a topology over its own connection (SSH, or this machine for a socket):",
      "checks that Incus is installed, running and initialised (storage pool, managed bridge), installs",
      "and initialises it where the host's platform allows (debian, ubuntu 24.04+, arch_linux); then, for",
      "several hosts, routes each host's container subnet to the others (IP forwarding, a route per other",
      "host, kept across reboots), and says precisely what it cannot do. Running it again changes nothing."
    })
final class SetupCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Option(names = "--accept-new-host-key",
      description = "Add the SSH host key of a host not yet in known_hosts to it (after you verified it). A changed key is always refused.")
  boolean acceptNewHostKey;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "" + Workers.DEFAULT_PARALLELISM,
      description = "Prepare at most N hosts at once. Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(names = "--user", paramLabel = "USER",
      description = "Log in as USER for the preparation only (root or a passwordless sudoer), instead of the topology's"
          + " user, who is the one given access to Incus.")
  String user;

  @Option(names = "--key", paramLabel = "FILE", description = "Log in with the private key FILE for the preparation only.")
  String key;

  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Topology topology = Session.project(files, spec.commandLine().getErr()).model(name);
    HostShells shells = new HostShells(SshSettings.fromEnvironment().withAcceptNewHostKeys(acceptNewHostKey))
        .withLogin(Optional.ofNullable(user), Optional.ofNullable(key));
    java.util.Set<String> edges = topology.hosts().stream()
        .filter(h -> topology.edgeHosts().contains(h.name()) && h.connection() instanceof Connection.Ssh)
        .map(Host::name).collect(java.util.stream.Collectors.toSet());
    List<SetupReport> reports = Setup.all(topology.name(), topology.hosts(), edges, shells, parallelism, report -> {
      synchronized (out) {
        out.println("[" + report.host() + "] " + (report.ready() ? "ready" : "NOT READY"));
        out.flush();
      }
    });
    out.println();
    for (SetupReport report : reports) {
      out.print(render(report));
    }
    long ready = reports.stream().filter(SetupReport::ready).count();
    out.printf("%d of %d host%s ready.%n", ready, reports.size(), reports.size() == 1 ? "" : "s");
    return ready == reports.size() ? ExitCodes.OK : ExitCodes.USER_ERROR;
  }

  static String render(SetupReport report) {
    StringBuilder text = new StringBuilder(report.host() + " (" + report.via() + ")\n");
    for (SetupReport.Line line : report.lines()) {
      String status = switch (line.status()) {
        case OK -> "ok";
        case CHANGED -> "changed";
        case MANUAL -> "todo";
        case FAILED -> "FAILED";
      };
      text.append(String.format("  %-8s %s: %s%n", status, line.what(), line.detail()));
    }
    if (report.ready() && !report.changed()) {
      text.append("  nothing to change\n");
    }
    return text.append('\n').toString();
  }
}
