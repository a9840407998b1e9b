package io.cul8er.cli;

import io.cul8er.engine.Cancellation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM during an apply: the first asks the run to stop (the instances in
 * flight finish their steps, up to and including putting them back in the edge, so that nothing is
 * left drained; no new batch starts; the journal keeps the rollout for the next deploy or
 * rollback), and the run then ends normally, audited, its lock released. A second signal stops the
 * process at once; the journal still tells the next run what to do.
 */
final class Interruptions implements AutoCloseable {
  /** The exit status of a process stopped at once by a second signal, as a shell reports SIGINT. */
  static final int HALTED = 130;

  private final Cancellation cancellation = new Cancellation();
  private final PrintWriter err;
  private final List<Runnable> restore = new ArrayList<>();
  private volatile boolean signalled;
  private volatile int signalNumber;

  Interruptions(PrintWriter err) {
    this.err = err;
    for (String name : List.of("INT", "TERM")) {
      Signal signal = new Signal(name);
      try {
        SignalHandler previous = Signal.handle(signal, this::onSignal);
        restore.add(() -> Signal.handle(signal, previous));
      } catch (IllegalArgumentException ignoredByTheVm) {
        // The JVM was started with the signal ignored (a background job of a script): it stays ignored.
      }
    }
  }

  Cancellation cancellation() {
    return cancellation;
  }

  private void onSignal(Signal signal) {
    if (signalled) {
      err.println("\ncul8er: stopped at once (second " + signal.getName()
          + "). The rollout journal tells the next `cul8er deploy` or `cul8er rollback` what is left.");
      err.flush();
      Runtime.getRuntime().halt(HALTED);
    }
    signalled = true;
    signalNumber = signal.getNumber();
    cancellation.cancel("interrupted by SIG" + signal.getName());
    err.println("\ncul8er: interrupted: the instances in flight finish their steps and go back into the edge;"
        + " no new batch starts. Press Ctrl-C again to stop at once.");
    err.flush();
  }

  /** 128 + the number of the signal that interrupted the run, as a shell reports a process it ended. */
  int exitCode() {
    return 128 + signalNumber;
  }

  @Override
  public void close() {
    restore.forEach(Runnable::run);
  }
}
