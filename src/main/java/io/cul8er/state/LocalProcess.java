package io.cul8er.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The user, host and process id this JVM runs as, as recorded in locks and audit entries. */
public final class LocalProcess {
  private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");
  private static volatile String host;

  private LocalProcess() {}

  public static String user() {
    String user = System.getProperty("user.name");
    return user == null || user.isBlank() ? "unknown" : user;
  }

  /** The host name, read without a DNS lookup where the kernel offers it. */
  public static String host() {
    String known = host;
    if (known == null) {
      known = lookUpHost();
      host = known;
    }
    return known;
  }

  public static long pid() {
    return ProcessHandle.current().pid();
  }

  /**
   * Whether {@code pid} may still be running: certain only when {@code hostName} is this host,
   * otherwise assumed alive.
   */
  public static boolean mayBeRunning(String hostName, long pid) {
    if (!host().equals(hostName)) {
      return true;
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static String lookUpHost() {
    try {
      String name = Files.readString(KERNEL_HOSTNAME, StandardCharsets.UTF_8).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | UnsupportedOperationException notLinux) {
      // fall through to the portable lookup
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException unresolvable) {
      return "localhost";
    }
  }
}
