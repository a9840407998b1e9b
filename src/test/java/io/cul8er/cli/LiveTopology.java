package io.cul8er.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A topology with a unique name in a temporary directory, for tests against the live Incus. */
final class LiveTopology {
  final String name = "it" + UUID.randomUUID().toString().substring(0, 6);
  final int port;
  final Path dir;
  final Path file;

  LiveTopology(Path dir, String resources) {
    this(dir, resources, freePort());
  }

  /** On the edge port {@code port}. */
  LiveTopology(Path dir, String resources, int port) {
    this.port = port;
    this.dir = dir;
    this.file = dir.resolve(name + ".cul8");
    write(resources);
  }

  void write(String resources) {
    String text = "topology :" + name + " do\n"
        + "  host :local do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + resources.replace("PORT", String.valueOf(port))
        + "end\n";
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String f() {
    return file.toString();
  }

  String instance(String resource) {
    return name + "-" + resource;
  }

  void destroy() {
    Cli.run("destroy", name, "-f", f(), "--yes");
    for (String line : Shell.run("incus", "list", name + "-", "-c", "n", "-f", "csv").output().split("\n")) {
      if (!line.isBlank()) {
        Shell.run("incus", "delete", "-f", line.trim());
      }
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
