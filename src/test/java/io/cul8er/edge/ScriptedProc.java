package io.cul8er.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A /proc of the test's making in a directory: listening sockets in net/tcp and net/tcp6, and
 * processes with a stat line, a command line and fd links to their sockets ({@code socket:[INODE]}).
 */
final class ScriptedProc {
  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

  private final Path root;
  private final List<String> tcp = new ArrayList<>();
  private final List<String> tcp6 = new ArrayList<>();

  ScriptedProc(Path root) {
    this.root = root;
    write("net/tcp", HEADER);
  }

  ProcFs procFs() {
    return new ProcFs(root);
  }

  /** A socket listening on 127.0.0.1:port ({@code ipv6}: on [::]:port). */
  ScriptedProc listener(int port, long inode, boolean ipv6) {
    String local = ipv6 ? "00000000000000000000000000000000" : "0100007F";
    List<String> table = ipv6 ? tcp6 : tcp;
    table.add(String.format("   %d: %s:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 %d 1 0 100 0 0 10 0",
        table.size(), local, port, inode));
    write("net/tcp", HEADER + String.join("\n", tcp) + "\n");
    write("net/tcp6", HEADER + String.join("\n", tcp6) + "\n");
    return this;
  }

  /** An established connection on a local port: not a listener. */
  ScriptedProc connection(int port, long inode) {
    tcp.add(String.format("   %d: 0100007F:%04X 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 %d 1 0 100 0 0 10 0",
        tcp.size(), port, inode));
    write("net/tcp", HEADER + String.join("\n", tcp) + "\n");
    return this;
  }

  /** A process in state {@code state} holding the sockets {@code inodes}. */
  ScriptedProc process(long pid, long parent, char state, String command, long... inodes) {
    String name = command.split(" ")[0];
    write(pid + "/stat", pid + " (" + name.substring(name.lastIndexOf('/') + 1) + ") " + state + " " + parent
        + " " + pid + " " + pid + " 0 -1 4194304 94 0 0 0\n");
    write(pid + "/cmdline", command.replace(' ', '\0') + "\0");
    try {
      Files.createDirectories(root.resolve(pid + "/fd"));
      Files.createSymbolicLink(root.resolve(pid + "/fd/0"), Path.of("pipe:[1]"));
      for (int i = 0; i < inodes.length; i++) {
        Files.createSymbolicLink(root.resolve(pid + "/fd/" + (i + 3)), Path.of("socket:[" + inodes[i] + "]"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private void write(String file, String text) {
    try {
      Files.createDirectories(root.resolve(file).getParent());
      Files.writeString(root.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
