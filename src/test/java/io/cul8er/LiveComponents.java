package io.cul8er;

import io.cul8er.incus.http.UnixSocketTransport;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What an integration test needs from this machine. Missing on a developer's machine, the test is
 * skipped; missing under CI ({@code CI=true}, which .ci/run exports), it fails, so that a CI
 * machine without Incus cannot stay green by skipping everything live.
 */
public final class LiveComponents {
  private LiveComponents() {}

  /** The Incus daemon's local socket. */
  public static void requireIncus() {
    require("Incus (no socket " + UnixSocketTransport.DEFAULT_SOCKET + "; run `sudo scripts/setup.sh`)",
        Files.exists(UnixSocketTransport.DEFAULT_SOCKET));
  }

  /** Fails under CI, skips elsewhere, when {@code what} is not {@code present}. */
  public static void require(String what, boolean present) {
    require(what, present, System.getenv());
  }

  static void require(String what, boolean present, Map<String, String> environment) {
    if (present) {
      return;
    }
    if (underCi(environment)) {
      Assertions.fail("Missing under CI=true, where a live test fails instead of skipping: " + what);
    }
    Assumptions.abort("Missing, so skipped (under CI=true it would fail): " + what);
  }

  static boolean underCi(Map<String, String> environment) {
    String ci = environment.getOrDefault("CI", "");
    return ci.equalsIgnoreCase("true") || ci.equals("1");
  }
}
