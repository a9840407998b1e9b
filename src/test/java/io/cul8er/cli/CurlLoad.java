package io.cul8er.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One curl sending requests over HTTP/2 and TLS at 40 a second, trusting only {@code ca}: a client
 * that keeps its connection while the edge reloads. Each answer is a line {@code STATUS VERSION}.
 */
final class CurlLoad {
  private CurlLoad() {}

  /** Starts sending {@code requests} GETs of {@code url}; {@code options} go before them (e.g. --resolve). */
  static CompletableFuture<Shell.Result> start(Path ca, String url, int requests, String... options) {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--http2", "--cacert", ca.toString()));
    command.addAll(List.of(options));
    command.addAll(List.of("--rate", "40/s", "-w", "%{http_code} %{http_version}\n"));
    for (int i = 0; i < requests; i++) {
      command.addAll(List.of("-o", "/dev/null", url));
    }
    return CompletableFuture.supplyAsync(() -> Shell.run(command.toArray(String[]::new)));
  }

  /** The answers that were not {@code 200} over HTTP/2. */
  static List<String> failures(Shell.Result answers) {
    return answers.output().lines().filter(line -> !line.equals("200 2")).toList();
  }
}
