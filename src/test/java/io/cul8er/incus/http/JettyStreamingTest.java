package io.cul8er.incus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cul8er.incus.ContentStream;
import io.cul8er.incus.HttpCall;
import io.cul8er.incus.HttpReply;
import io.cul8er.incus.IncusUnavailableException;
import io.cul8er.incus.StreamedReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Image files go through the client as streams, never whole: an upload is sent while it is being
 * read, a download can be read before it has all arrived, and one that stalls ends after the idle
 * time. Against a plain HTTP server on loopback: the same Jetty exchange as every transport.
 */
class JettyStreamingTest {
  private static final int MB = 1024 * 1024;
  private static final int TOTAL = 32 * MB;
  /** How long either side waits for the other to have seen part of the content. */
  private static final long RENDEZVOUS_SECONDS = 10;

  private HttpServer server;
  private HttpClient http;
  private final CountDownLatch serverHasSome = new CountDownLatch(1);
  private final CountDownLatch clientHasSome = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/upload", this::upload);
    server.createContext("/download", this::download);
    server.createContext("/stall", this::stall);
    server.start();
    http = JettyExchange.start(new HttpClient(), "the test server");
  }

  @AfterEach
  void stop() throws Exception {
    http.stop();
    server.stop(0);
  }

  @Test
  void anUploadIsSentWhileItIsRead() throws Exception {
    // The content stops after 8 MB until the server has received 4 MB: a client that read it all
    // before sending would never get past that.
    InputStream content = new Pattern(TOTAL, 8 * MB, serverHasSome);

    HttpReply reply = exchange("POST", "/upload", Optional.of(new ContentStream("application/x-test", content)),
        Duration.ofSeconds(10)).rest(call("POST", "/upload"), "the test server");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.bodyText()).isEqualTo("application/x-test " + TOTAL + " " + sha256(new Pattern(TOTAL, 0, null)));
  }

  @Test
  void aDownloadCanBeReadBeforeItHasAllArrived() throws Exception {
    // The server stops after 8 MB until the client has read 4 MB: a client that waited for the
    // whole body before handing it over would never get past that.
    try (StreamedReply reply = exchange("GET", "/download", Optional.empty(), Duration.ofSeconds(10))) {
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.content().contentType()).isEqualTo("application/x-image");
      InputStream body = reply.body();
      assertThat(body.readNBytes(4 * MB)).hasSize(4 * MB);
      clientHasSome.countDown();
      long rest = body.transferTo(OutputStream.nullOutputStream());

      assertThat(4 * MB + rest).isEqualTo(TOTAL);
    }
  }

  @Test
  void aDownloadThatStallsEndsAfterTheIdleTime() throws Exception {
    long started = System.nanoTime();
    try (StreamedReply reply = exchange("GET", "/stall", Optional.empty(), Duration.ofMillis(300))) {
      assertThat(reply.status()).isEqualTo(200);

      assertThatThrownBy(reply.body()::read).isInstanceOf(IOException.class)
          .hasMessageContaining("Idle timeout expired").hasMessageEndingWith("/300 ms");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aServerThatIsNotThereIsTheTransportsFailure() {
    HttpCall call = call("GET", "/download");

    assertThatThrownBy(() -> JettyExchange.stream(http.newRequest("http://127.0.0.1:1/download"), call,
        Optional.empty(), Duration.ofSeconds(1), "nobody", cause -> new IncusUnavailableException("refused", cause)))
        .isInstanceOf(IncusUnavailableException.class).hasMessage("refused");
  }

  private StreamedReply exchange(String method, String path, Optional<ContentStream> upload, Duration idle) {
    HttpCall call = call(method, path);
    return JettyExchange.stream(http.newRequest("http://127.0.0.1:" + server.getAddress().getPort() + path), call,
        upload, idle, "the test server", cause -> new IncusUnavailableException(cause.toString(), cause));
  }

  private static HttpCall call(String method, String path) {
    return new HttpCall(method, path, Map.of(), new byte[0], Duration.ofSeconds(30));
  }

  private void upload(HttpExchange exchange) throws IOException {
    MessageDigest digest = sha256();
    long received = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = exchange.getRequestBody()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        received += n;
        if (received >= 4 * MB) {
          serverHasSome.countDown();
        }
      }
    }
    byte[] answer = (exchange.getRequestHeaders().getFirst("Content-Type") + " " + received + " "
        + HexFormat.of().formatHex(digest.digest())).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  private void download(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/x-image");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      new Pattern(TOTAL, 8 * MB, clientHasSome).transferTo(out);
    }
  }

  private void stall(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      Thread.sleep(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException closedByTheClient) {
      // expected
    }
  }

  private static String sha256(InputStream content) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code size} bytes made as they are read (never held), which stop at {@code pauseAt} until
   * {@code other} says the other side has seen part of them.
   */
  private static final class Pattern extends InputStream {
    private final long size;
    private final long pauseAt;
    private final CountDownLatch other;
    private long position;

    Pattern(long size, long pauseAt, CountDownLatch other) {
      this.size = size;
      this.pauseAt = pauseAt;
      this.other = other;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (position >= size) {
        return -1;
      }
      if (other != null && position >= pauseAt) {
        awaitOther();
      }
      long limit = other != null && position < pauseAt ? pauseAt : size;
      int n = (int) Math.min(length, limit - position);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = (byte) ((position + i) % 251);
      }
      position += n;
      return n;
    }

    private void awaitOther() throws IOException {
      try {
        if (!other.await(RENDEZVOUS_SECONDS, TimeUnit.SECONDS)) {
          throw new IOException("the other side saw nothing of the first " + pauseAt / MB
              + " MB within " + RENDEZVOUS_SECONDS + " s: the content is not streamed");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }
}
