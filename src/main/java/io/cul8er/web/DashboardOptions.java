package io.cul8er.web;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a dashboard listens, the token it asks for, and how often it reads the fleet again while
 * someone watches. Bound to anything but loopback it needs a token. The token is never shown,
 * {@link #toString} included.
 */
public record DashboardOptions(InetAddress bind, int port, Optional<String> token, Duration refresh) {
  /** The environment variable a token may come from when no token file is given. */
  public static final String TOKEN_VARIABLE = "CUL8ER_DASHBOARD_TOKEN";
  public static final int MIN_TOKEN_LENGTH = 16;
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(3);

  public DashboardOptions {
    if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
      throw new Cul8erException("The dashboard token is " + token.get().length() + " characters long; it must have at"
          + " least " + MIN_TOKEN_LENGTH + " (for example `openssl rand -hex 32`)");
    }
    if (!bind.isLoopbackAddress() && token.isEmpty()) {
      throw new Cul8erException("Refusing to serve the dashboard on " + bind.getHostAddress() + ":" + port
          + " without a token: bound to an address other than loopback, it needs one (--token-file FILE, or the"
          + " environment variable " + TOKEN_VARIABLE + ")");
    }
    if (refresh.isNegative() || refresh.isZero()) {
      throw new Cul8erException("The dashboard's refresh interval must be positive, not " + refresh);
    }
  }

  /** Loopback, no token. */
  public static DashboardOptions loopback(int port) {
    return new DashboardOptions(InetAddress.getLoopbackAddress(), port, Optional.empty(), DEFAULT_REFRESH);
  }

  /** The address {@code bind} names (a name or a literal), as a user error when it names none. */
  public static InetAddress address(String bind) {
    try {
      return InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new Cul8erException("Cannot serve the dashboard on " + bind + ": no such address (" + e.getMessage() + ")");
    }
  }

  /**
   * The token from {@code file} when given, else from {@link #TOKEN_VARIABLE} in {@code env}; its
   * surrounding white space removed. A file that others than its owner may read is refused.
   */
  public static Optional<String> token(Optional<Path> file, Map<String, String> env) {
    if (file.isEmpty()) {
      return Optional.ofNullable(env.get(TOKEN_VARIABLE)).map(String::strip).filter(t -> !t.isEmpty());
    }
    Path path = file.get();
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
      if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
        throw new Cul8erException("Refusing the dashboard token in " + path + ": others than its owner may read it"
            + " (chmod 600 " + path + ")");
      }
      String token = Files.readString(path).strip();
      if (token.isEmpty()) {
        throw new Cul8erException("The dashboard token file " + path + " is empty");
      }
      return Optional.of(token);
    } catch (IOException e) {
      throw new Cul8erException("Cannot read the dashboard token from " + path + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "DashboardOptions[bind=" + bind.getHostAddress() + ", port=" + port + ", token="
        + (token.isPresent() ? "(set)" : "(none)") + ", refresh=" + refresh + "]";
  }
}
