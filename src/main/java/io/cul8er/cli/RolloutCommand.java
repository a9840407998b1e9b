package io.cul8er.cli;

import io.cul8er.Project;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.StateSnapshot;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.LocalProcess;
import io.cul8er.state.LockInfo;
import io.cul8er.state.StateLock;
import io.cul8er.state.StateStore;
import io.cul8er.strategy.JournaledRollout;
import io.cul8er.strategy.RolloutJournalCodec;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description = "Shows or abandons the rollout a deploy left unfinished in the journal.",
    subcommands = {RolloutCommand.Status.class, RolloutCommand.Abandon.class})
final class RolloutCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Shows the unfinished rollout of a topology, step by step, and what would finish or undo it.")
  static final class Status implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;
    @Mixin FileOptions files;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      StateStore store = Session.project(files, spec.commandLine().getErr()).stateStore(name);
      RolloutJournalCodec.View view = RolloutJournalCodec.read(store.readJournal());
      PrintWriter out = spec.commandLine().getOut();
      Optional<JournaledRollout> pending = view.pending();
      if (pending.isEmpty()) {
        out.println("No unfinished rollout for " + name + "."
            + view.rollouts().stream().reduce((a, b) -> b).map(last -> " The last one, " + last.id() + ", ended "
                + last.ended().map(e -> e.outcome() + " at " + e.at()).orElse("") + ".").orElse(""));
      } else {
        out.print(RolloutStatusText.render(name, pending.get()));
      }
      view.problems().forEach(problem -> spec.commandLine().getErr().println("warning: journal " + problem));
      audit(store, name, "rollout-status", pending.map(p -> "rollout " + p.id() + " is unfinished")
          .orElse("no unfinished rollout"));
      return ExitCodes.OK;
    }
  }

  @Command(name = "abandon", mixinStandardHelpOptions = true,
      description = {"Forgets the unfinished rollout, after a human has repaired things by hand.",
          "Nothing in Incus or the edge is changed; the next plan shows what really runs."})
  static final class Abandon implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;
    @Mixin FileOptions files;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      StateStore store = Session.project(files, spec.commandLine().getErr()).stateStore(name);
      Clock clock = Clock.systemUTC();
      try (StateLock lock = store.lock(LockInfo.forThisProcess(name, "rollout-abandon", clock), Duration.ZERO)) {
        JournaledRollout pending = RolloutJournalCodec.read(store.readJournal()).pending()
            .orElseThrow(() -> new Cul8erException("Topology " + name + " has no unfinished rollout to abandon;"
                + " `cul8er rollout status " + name + "` shows the journal"));
        String who = LocalProcess.user() + "@" + LocalProcess.host();
        store.appendJournal(RolloutJournalCodec.ended(pending.id(), clock.instant(), "abandoned",
            "abandoned by " + who + " (cul8er rollout abandon)"));
        audit(store, name, "rollout-abandon", "abandoned rollout " + pending.id() + ": " + pending.summary());
        spec.commandLine().getOut().println("Abandoned rollout " + pending.id() + " of " + name
            + ". Run `cul8er plan " + name + "` to see what really runs now.");
      }
      return ExitCodes.OK;
    }
  }

  static void audit(StateStore store, String topology, String operation, String summary) {
    var state = store.read();
    long serial = state.map(StateSnapshot::serial).orElse(0L);
    store.append(new AuditEntry(Instant.now(), LocalProcess.user(), LocalProcess.host(), operation, topology,
        AuditEntry.Outcome.SUCCEEDED, Duration.ZERO, state.map(StateSnapshot::lineage).orElse(""), serial, serial,
        summary));
  }
}
