package io.cul8er.edge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Process-wide HAProxy settings: where the admin socket lives, the optional file that carries
 * server states (drain, maintenance, weights) across reloads, timeouts, and which failures HAProxy
 * retries on another server.
 *
 * <p>The default {@code retryOn} replays a request only when no server has answered it yet: the
 * connection failed, or it was closed before any response byte. Status codes are deliberately not
 * retried, so that a failing canary's 5xx stay visible in the statistics that judge it.
 */
public record EdgeSettings(
    Path adminSocket,
    Optional<Path> serverStateFile,
    Timeouts timeouts,
    int retries,
    List<String> retryOn,
    Duration hardStopAfter,
    String socketMode,
    Path certificateDirectory) {

  private static final Pattern RETRY_KEYWORD = Pattern.compile("[a-z0-9-]+");
  private static final Pattern NO_BLANKS = Pattern.compile("\\S+");

  public static final List<String> SAFE_RETRIES = List.of("conn-failure", "empty-response");

  public EdgeSettings {
    requireNoBlanks("admin socket", adminSocket);
    serverStateFile.ifPresent(file -> requireNoBlanks("server state file", file));
    requireNoBlanks("certificate directory", certificateDirectory);
    retryOn = List.copyOf(retryOn);
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0, got " + retries);
    }
    if (!socketMode.matches("[0-7]{3}")) {
      throw new IllegalArgumentException("socket mode must be three octal digits, got " + socketMode);
    }
    if (retryOn.isEmpty() || !retryOn.stream().allMatch(k -> RETRY_KEYWORD.matcher(k).matches())) {
      throw new IllegalArgumentException("retry-on needs HAProxy keywords, got " + retryOn);
    }
  }

  /** Defaults for an edge whose admin socket is {@code adminSocket}. */
  public static EdgeSettings defaults(Path adminSocket) {
    return new EdgeSettings(
        adminSocket, Optional.empty(), Timeouts.DEFAULT, 3, SAFE_RETRIES, Duration.ofSeconds(30), "600",
        adminSocket.resolveSibling("certs"));
  }

  public EdgeSettings withServerStateFile(Path file) {
    return new EdgeSettings(adminSocket, Optional.of(file), timeouts, retries, retryOn, hardStopAfter, socketMode, certificateDirectory);
  }

  /** The admin socket's mode: 600 (its owner only) by default, 660 for a group of deploy users. */
  public EdgeSettings withSocketMode(String mode) {
    return new EdgeSettings(adminSocket, serverStateFile, timeouts, retries, retryOn, hardStopAfter, mode, certificateDirectory);
  }

  /** Where the TLS bundles are ({@code crt-base}): beside the fragments, mode 0700 (see {@link TlsBundles}). */
  public EdgeSettings withCertificateDirectory(Path directory) {
    return new EdgeSettings(adminSocket, serverStateFile, timeouts, retries, retryOn, hardStopAfter, socketMode,
        directory);
  }

  /** HAProxy's timeouts; {@code check} bounds one health check once connected. */
  public record Timeouts(
      Duration connect,
      Duration client,
      Duration server,
      Duration httpRequest,
      Duration httpKeepAlive,
      Duration queue,
      Duration check) {
    public static final Timeouts DEFAULT =
        new Timeouts(
            Duration.ofSeconds(2),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            Duration.ofSeconds(2));
  }

  private static void requireNoBlanks(String what, Path path) {
    if (!NO_BLANKS.matcher(path.toString()).matches()) {
      throw new IllegalArgumentException(what + " path '" + path + "' must not contain blanks");
    }
  }
}
