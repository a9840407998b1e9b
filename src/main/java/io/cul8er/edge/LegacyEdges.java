package io.cul8er.edge;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Edges of the earlier layout: one HAProxy per topology, its files in {@code DIR/TOPOLOGY/} with
 * its pid in {@code DIR/TOPOLOGY/haproxy.pid}. The host edge retires a topology's old edge when it
 * takes that topology over, and when the topology is removed.
 */
final class LegacyEdges {
  static final String PID_FILE = "haproxy.pid";

  private final Path directory;
  private final ProcFs proc;

  LegacyEdges(Path directory, ProcFs proc) {
    this.directory = directory;
    this.proc = proc;
  }

  /** The live old edges by topology: the pid of the HAProxy each pid file names. */
  Map<String, Long> running() {
    Map<String, Long> running = new TreeMap<>();
    if (!Files.isDirectory(directory)) {
      return running;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, Files::isDirectory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.equals(FragmentStore.DIRECTORY)) {
          pid(entry).ifPresent(pid -> running.put(name, pid));
        }
      }
    } catch (IOException e) {
      throw new Cul8erException("Cannot look for per-topology edges in " + directory + ": " + e.getMessage(), e);
    }
    return running;
  }

  /** The processes of the old edge that {@code pid} names: it and its workers, when it is a master. */
  List<Long> processes(long pid) {
    return Stream.concat(Stream.of(pid), proc.children(pid).stream()).toList();
  }

  /**
   * Stops the topology's old edge, if one runs, and deletes its directory. The stop is soft
   * (SIGUSR1): HAProxy closes its listening sockets at once, so that the host edge can bind them,
   * and finishes the requests in flight.
   */
  void retire(String topology, Duration timeout) {
    Path old = directory.resolve(EdgeNames.topology(topology));
    if (!Files.isDirectory(old)) {
      return;
    }
    Optional<Long> pid = pid(old);
    if (pid.isPresent()) {
      List<Long> processes = processes(pid.get());
      Signals.send("USR1", pid.get());
      awaitNoListener(processes, timeout);
    }
    deleteTree(old);
  }

  private void awaitNoListener(List<Long> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && listens(processes)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Cul8erException("Interrupted while waiting for an old edge to close its ports", e);
      }
    }
  }

  private boolean listens(List<Long> processes) {
    Set<Long> inodes = new HashSet<>();
    proc.listeners().forEach(listener -> inodes.add(listener.inode()));
    return processes.stream().anyMatch(pid -> !proc.sockets(pid, inodes).isEmpty());
  }

  private Optional<Long> pid(Path edgeDirectory) {
    Path file = edgeDirectory.resolve(PID_FILE);
    try {
      long pid = Long.parseLong(Files.readString(file).strip());
      boolean haproxy = proc.stat(pid).filter(ProcFs.Stat::alive).map(s -> s.name().equals("haproxy")).orElse(false);
      return haproxy ? Optional.of(pid) : Optional.empty();
    } catch (IOException | NumberFormatException noneAlive) {
      return Optional.empty();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new Cul8erException("Cannot delete the old per-topology edge directory " + root + ": " + e.getMessage(), e);
    }
  }
}
