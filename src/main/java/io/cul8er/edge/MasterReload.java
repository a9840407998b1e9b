package io.cul8er.edge;

import io.cul8er.model.Cul8erException;
import java.time.Duration;

/**
 * A seamless reload through an HAProxy master's CLI ({@code reload}), judged by the master's own
 * count of reloads ({@code show proc}): a failed one (the old worker kept) is an error.
 */
final class MasterReload {
  private MasterReload() {}

  /** How long an empty answer to {@code show proc} is asked again: a master re-executing itself. */
  static final Duration EMPTY_ANSWER_WINDOW = Duration.ofSeconds(3);

  /**
   * The master's status. A master re-executing itself for a reload (ours or another deploy's) may
   * accept a connection and close it without a word; through an SSH tunnel that is an empty answer
   * rather than a reset. It is asked again for up to {@link #EMPTY_ANSWER_WINDOW}.
   */
  static MasterStatus status(RuntimeApi cli) {
    long deadline = System.nanoTime() + EMPTY_ANSWER_WINDOW.toNanos();
    while (true) {
      try {
        return RuntimeParsers.masterStatus(cli.execute(RuntimeCommands.showProc()));
      } catch (HaproxyCommandException e) {
        if (!e.answer().isBlank() || System.nanoTime() > deadline) {
          throw e;
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
