package hello.cluster;

import java.time.Instant;

/** One line on stdout, prefixed with the time. */
final class Log {
  private Log() {}

  static synchronized void line(String message) {
    System.out.println(Instant.now() + " " + message);
    System.out.flush();
  }
}
