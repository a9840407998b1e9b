package io.cul8er.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends GET requests through the edge from a few threads until stopped (or for at most {@code
 * limit}), counting answers, failures (anything but 200, or no answer) and the versions served.
 */
final class LoadGenerator implements AutoCloseable {
  /**
   * At most this many requests per second from all generators of the JVM together: the edge's
   * default rate limit is 1,000 requests per second per client address on average over 10 s
   * ({@code rate_limit 10_000, seconds: 10}), and the tests' clients all come from one address. Two
   * unpaced threads exceeded it on the btrfs test bed (429s). 600 per second still puts some 60
   * requests into a 100 ms window.
   */
  private static final int REQUESTS_PER_SECOND = 600;
  private static final long SPACING_NANOS = 1_000_000_000L / REQUESTS_PER_SECOND;
  private static final AtomicLong NEXT_SLOT = new AtomicLong(System.nanoTime());

  private final URI uri;
  private final Optional<javax.net.ssl.SSLContext> tls;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong goawayRetries = new AtomicLong();
  private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
  private final List<java.time.Instant> answeredAt = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();

  LoadGenerator(int port, int threadCount, Duration limit) {
    this("127.0.0.1", port, threadCount, limit);
  }

  /** Requests {@code /version} of {@code address:port} from {@code threadCount} threads, for at most {@code limit}. */
  LoadGenerator(String address, int port, int threadCount, Duration limit) {
    this(URI.create("http://" + address + ":" + port + "/version"), Optional.empty(), threadCount, limit);
  }

  /**
   * Requests {@code uri} from {@code threadCount} threads, for at most {@code limit}; over TLS with
   * {@code tls} (which trusts the server's certificate) when it is an {@code https} address.
   */
  LoadGenerator(URI uri, Optional<javax.net.ssl.SSLContext> tls, int threadCount, Duration limit) {
    this.uri = uri;
    this.tls = tls;
    long deadline = System.nanoTime() + limit.toNanos();
    for (int i = 0; i < threadCount; i++) {
      Thread thread = new Thread(() -> loop(deadline), "load-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void loop(long deadline) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    tls.ifPresent(builder::sslContext);
    HttpClient client = builder.build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
    while (running.get() && System.nanoTime() < deadline) {
      try {
        pace();
        HttpResponse<String> response = send(client, request);
        if (response.statusCode() == 200) {
          ok.incrementAndGet();
          answeredAt.add(java.time.Instant.now());
          versions.computeIfAbsent(response.body(), v -> new AtomicLong()).incrementAndGet();
        } else {
          failures.add(new Failure(java.time.Instant.now(), response.statusCode() + " " + response.body()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        failures.add(new Failure(java.time.Instant.now(), e.toString()));
      }
    }
  }

  /** Waits for this request's slot under {@link #REQUESTS_PER_SECOND}. */
  private static void pace() throws InterruptedException {
    long now = System.nanoTime();
    long slot = NEXT_SLOT.getAndUpdate(next -> Math.max(next, now) + SPACING_NANOS);
    if (slot > now) {
      java.util.concurrent.TimeUnit.NANOSECONDS.sleep(slot - now);
    }
  }

  /**
   * JDK 17's client aborts every request in flight on an HTTP/2 connection when the server sends
   * GOAWAY (JDK-8335181, fixed in JDK 24), where RFC 9113 says a client retries the streams the
   * server did not process; HAProxy's old workers send a graceful GOAWAY when a reload replaces
   * them. One retry, as a compliant client (a browser, curl) makes; counted, and a second failure
   * is a failure.
   */
  private HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      if (e.getMessage() == null || !e.getMessage().endsWith("GOAWAY received")) {
        throw e;
      }
      goawayRetries.incrementAndGet();
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** The requests sent again after an HTTP/2 GOAWAY (see {@link #send}). */
  long goawayRetries() {
    return goawayRetries.get();
  }

  /**
   * The failures outside the window in which the edge itself was down: from {@code from} (just
   * before it was killed) to the first answer after {@code killed} (once it surely was). Every
   * other failure is a deploy's to blame.
   */
  List<String> failuresOutsideOutage(java.time.Instant from, java.time.Instant killed) {
    java.time.Instant back;
    synchronized (answeredAt) {
      back = answeredAt.stream().filter(t -> t.isAfter(killed)).findFirst().orElse(java.time.Instant.MAX);
    }
    List<String> outside = new ArrayList<>();
    synchronized (failures) {
      for (Failure failure : failures) {
        if (failure.at().isBefore(from) || failure.at().isAfter(back)) {
          outside.add(failure.at() + " " + failure.what());
        }
      }
    }
    return outside;
  }

  /** The failures before {@code from} or after {@code to}. */
  List<String> failuresOutside(java.time.Instant from, java.time.Instant to) {
    synchronized (failures) {
      return failures.stream().filter(f -> f.at().isBefore(from) || f.at().isAfter(to))
          .map(f -> f.at() + " " + f.what()).toList();
    }
  }

  private record Failure(java.time.Instant at, String what) {}

  long ok() {
    return ok.get();
  }

  List<String> failures() {
    synchronized (failures) {
      return failures.stream().map(Failure::what).toList();
    }
  }

  Map<String, Long> versions() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    versions.forEach((v, n) -> copy.put(v, n.get()));
    return copy;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(10_000);
    }
  }
}
