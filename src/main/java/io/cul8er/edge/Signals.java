package io.cul8er.edge;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signals the JDK cannot send (it has SIGTERM and SIGKILL only), such as SIGUSR1, on which HAProxy
 * stops softly. Sent with the {@code kill} program.
 */
final class Signals {
  private Signals() {}

  /** Sends {@code signal} (e.g. {@code USR1}) to {@code pid}; false when the process is gone. */
  static boolean send(String signal, long pid) {
    List<String> command = List.of("kill", "-" + signal, Long.toString(pid));
    try {
      Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
      kill.getInputStream().readAllBytes();
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        throw new Cul8erException("Could not send SIG" + signal + " to process " + pid + ": `kill` did not finish within 5 s");
      }
      return kill.exitValue() == 0;
    } catch (IOException e) {
      throw new Cul8erException("Could not send SIG" + signal + " to process " + pid + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while sending SIG" + signal + " to process " + pid, e);
    }
  }
}
