package io.cul8er.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Linux's {@code /proc} says about listening TCP sockets and processes: {@code net/tcp} and
 * {@code net/tcp6} give each listening socket's port and inode, {@code PID/fd/*} links ({@code
 * socket:[INODE]}) tell which process holds it, {@code PID/stat} and {@code PID/cmdline} what the
 * process is. The root is a parameter so that tests can script a /proc of their own. Processes this
 * user may not inspect are skipped.
 */
final class ProcFs {
  static final ProcFs LOCAL = new ProcFs(Path.of("/proc"));

  private static final String LISTEN = "0A";
  private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
  private static final int MAX_COMMAND = 100;

  private final Path root;

  ProcFs(Path root) {
    this.root = root;
  }

  /** A listening TCP socket (IPv4 or IPv6). */
  record Listener(int port, long inode) {}

  /** A process: its state letter ({@code R}, {@code S}, {@code Z} ...), parent and command name. */
  record Stat(long pid, char state, long parent, String name) {
    boolean alive() {
      return state != 'Z' && state != 'X';
    }
  }

  List<Listener> listeners() {
    List<String> lines = new ArrayList<>();
    for (String table : List.of("net/tcp", "net/tcp6")) {
      lines.addAll(lines(root.resolve(table)));
    }
    return listeners(lines);
  }

  /** The listening sockets among lines of {@code /proc/net/tcp} or {@code tcp6} (headers are skipped). */
  static List<Listener> listeners(List<String> tableLines) {
    List<Listener> listeners = new ArrayList<>();
    for (String line : tableLines) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length > 9 && fields[3].equals(LISTEN) && fields[1].contains(":")) {
        int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16);
        listeners.add(new Listener(port, Long.parseLong(fields[9])));
      }
    }
    return listeners;
  }

  /** Which visible process holds each of {@code inodes}; inodes held by no visible process are absent. */
  Map<Long, Long> holders(Set<Long> inodes) {
    Map<Long, Long> holders = new HashMap<>();
    if (inodes.isEmpty()) {
      return holders;
    }
    for (long pid : pids()) {
      holders.putAll(sockets(pid, inodes));
      if (holders.keySet().containsAll(inodes)) {
        break;
      }
    }
    return holders;
  }

  /** The inodes among {@code inodes} that process {@code pid} holds, mapped to {@code pid}. */
  Map<Long, Long> sockets(long pid, Set<Long> inodes) {
    Map<Long, Long> held = new HashMap<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(root.resolve(pid + "/fd"))) {
      for (Path fd : fds) {
        Matcher socket = SOCKET_LINK.matcher(readLink(fd));
        if (socket.matches() && inodes.contains(Long.parseLong(socket.group(1)))) {
          held.put(Long.parseLong(socket.group(1)), pid);
        }
      }
    } catch (IOException | UncheckedIOException notVisible) {
      // gone, or another user's process: nothing this user can attribute
    }
    return held;
  }

  Optional<Stat> stat(long pid) {
    try {
      String text = Files.readString(root.resolve(pid + "/stat"), StandardCharsets.UTF_8);
      int open = text.indexOf('(');
      int close = text.lastIndexOf(')');
      String[] rest = text.substring(close + 2).split(" ");
      return Optional.of(new Stat(pid, rest[0].charAt(0), Long.parseLong(rest[1]), text.substring(open + 1, close)));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  /** Every process whose parent is {@code parent}. */
  List<Long> children(long parent) {
    List<Long> children = new ArrayList<>();
    for (long pid : pids()) {
      stat(pid).filter(s -> s.parent() == parent).ifPresent(s -> children.add(pid));
    }
    return children;
  }

  /** The command line with blanks between arguments, shortened to 100 characters; else the name. */
  String command(long pid) {
    try {
      String line = new String(Files.readAllBytes(root.resolve(pid + "/cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ').strip();
      if (!line.isEmpty()) {
        return line.length() > MAX_COMMAND ? line.substring(0, MAX_COMMAND - 3) + "..." : line;
      }
    } catch (IOException gone) {
      // fall back on the name in stat
    }
    return stat(pid).map(Stat::name).orElse("?");
  }

  /** The full command line's arguments, empty when the process is gone. */
  List<String> arguments(long pid) {
    try {
      String line = new String(Files.readAllBytes(root.resolve(pid + "/cmdline")), StandardCharsets.UTF_8);
      return line.isEmpty() ? List.of() : List.of(line.split("\0"));
    } catch (IOException gone) {
      return List.of();
    }
  }

  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "[0-9]*")) {
      for (Path entry : entries) {
        pids.add(Long.parseLong(entry.getFileName().toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the processes in " + root + ": " + e.getMessage(), e);
    }
    return pids;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException noIpv6) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException closed) {
      return "";
    }
  }
}
