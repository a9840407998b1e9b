package io.cul8er.incus.http;

import io.cul8er.incus.api.IncusJson;
import java.util.List;

/**
 * Loads and initialises, on another core, the HTTP and JSON classes the first Incus request needs,
 * while the command is still reading its topology files. For a short command such as a plan with no
 * changes their static initialisers (Jetty's buffer pools, parser tables, MIME types; the Jackson
 * mapper) were a good part of the time before the first request could be sent.
 */
public final class WarmUp {
  static final List<String> CLASSES = List.of(
      "org.eclipse.jetty.client.HttpClient",
      "org.eclipse.jetty.util.BlockingArrayQueue",
      "org.eclipse.jetty.http.HttpParser",
      "org.eclipse.jetty.http.HttpGenerator",
      "org.eclipse.jetty.http.MimeTypes",
      "org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP",
      "org.eclipse.jetty.util.thread.QueuedThreadPool");

  private WarmUp() {}

  /** Starts the warm-up on a daemon thread and returns at once. */
  public static void start() {
    Thread thread = new Thread(WarmUp::load, "cul8er-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  static void load() {
    ClassLoader loader = WarmUp.class.getClassLoader();
    try {
      for (String name : CLASSES) {
        Class.forName(name, true, loader);
      }
      IncusJson.MAPPER.getTypeFactory();
    } catch (ClassNotFoundException | LinkageError e) {
      // Only a head start: the first request loads whatever is missing, and reports any real problem.
    }
  }
}
