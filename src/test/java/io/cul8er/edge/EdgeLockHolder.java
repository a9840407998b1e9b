package io.cul8er.edge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a child JVM by the tests: takes the host edge lock of the directory given as argument,
 * says "locked" on stdout and holds the lock until its stdin closes.
 */
public final class EdgeLockHolder {
  private EdgeLockHolder() {}

  public static void main(String[] args) {
    new HostEdge(Path.of(args[0]), Duration.ZERO).locked(Duration.ofSeconds(10), () -> {
      System.out.println("locked");
      System.out.flush();
      try {
        System.in.readAllBytes();
      } catch (IOException e) {
        // stdin gone: release
      }
      return null;
    });
  }
}
