package io.cul8er.edge;

import io.cul8er.model.Cul8erException;
import java.time.Duration;

/**
 * A seamless reload through an HAProxy master's CLI ({@code reload}), judged by the master's own
 * count of reloads ({@code show proc}): a failed one (the old worker kept) is an error.
 */
final class MasterReload {
  private MasterReload() {}

  /** How long an empty answer to {@code show proc} is asked again before it is an error. */
  static final Duration EMPTY_ANSWER_PATIENCE = Duration.ofSeconds(5);

  /**
   * The master's {@code show proc}. A master busy re-executing itself (a reload, perhaps another
   * deploy's on a shared edge) can accept the connection and close it unanswered: an empty answer
   * is asked again, every 20 ms for up to {@link #EMPTY_ANSWER_PATIENCE}.
   */
  static MasterStatus status(RuntimeApi cli) {
    long deadline = System.nanoTime() + EMPTY_ANSWER_PATIENCE.toNanos();
    while (true) {
      try {
        return RuntimeParsers.masterStatus(cli.execute(RuntimeCommands.showProc()));
      } catch (HaproxyCommandException unanswered) {
        if (!unanswered.answer().isBlank() || System.nanoTime() > deadline) {
          throw unanswered;
        }
        pause();
      }
    }
  }

  /** Sends {@code reload} and waits until the master counts one more than {@code before}. */
  static void reload(RuntimeApi cli, MasterStatus before, Duration timeout, String config) {
    try {
      cli.execute(RuntimeCommands.reload());
    } catch (HaproxyUnreachableException closedByTheReload) {
      // the master re-executes itself at once, which may cut the connection: its status tells
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      MasterStatus now;
      try {
        now = status(cli);
      } catch (HaproxyUnreachableException reExecuting) {
        pause(); // a connection accepted just before the master re-executed itself is reset
        continue;
      }
      if (now.reloads() > before.reloads() && now.failedReloads() > 0) {
        throw new Cul8erException(
            "HAProxy (master " + now.master() + ") could not load the new configuration " + config
                + ", so its worker " + before.worker().map(String::valueOf).orElse("?")
                + " keeps serving the previous one; HAProxy checked the file, so what failed is starting it,"
                + " e.g. binding a port");
      }
      if (now.reloads() > before.reloads()) {
        return;
      }
      pause();
    }
    throw new Cul8erException(
        "HAProxy (master " + before.master() + ") did not reload " + config + " within " + timeout.toMillis() + " ms");
  }

  static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while waiting for HAProxy", e);
    }
  }
}
