package io.cul8er.cli;

import io.cul8er.model.Topology;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventJson;
import io.cul8er.observe.EventLog;
import io.cul8er.observe.EventSelection;
import io.cul8er.observe.EventText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "Shows the topology's event log: the events its observability block selects (deploys, batches,"
        + " drains, health-check failures, rollbacks, cluster membership, drift) and Incus's lifecycle events.")
final class EventsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Option(names = "--follow", description = "Keep printing new events as they are logged, like tail -f, until Ctrl-C.")
  boolean follow;

  @Option(names = "--json", description = "Print each event as its JSON line.") boolean json;

  @Option(names = "--incus", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "With --follow, also print the lifecycle events of the local Incus daemon for the topology's"
          + " instances (from `incus monitor`). On unless --no-incus.")
  boolean incus;

  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Topology topology = Session.project(files, spec.commandLine().getErr()).model(name);
    Path log = EventLog.location(topology);
    Predicate<Event> shown = EventSelection.shown(topology.observability());
    Consumer<Event> print = event -> {
      if (shown.test(event)) {
        synchronized (out) {
          out.println(json ? EventJson.write(event) : EventText.line(event));
          out.flush();
        }
      }
    };
    if (follow) {
      try (AutoCloseable monitor = incus ? IncusEvents.follow(topology, print, spec.commandLine().getErr()) : () -> {}) {
        EventLog.follow(log, print, () -> Thread.currentThread().isInterrupted());
      }
    } else {
      EventLog.read(log).forEach(print);
    }
    return ExitCodes.OK;
  }
}
