package io.cul8er.incus;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to an {@link HttpCall} whose body is read as it arrives: the status and headers are
 * in, the body is a stream. Closing it ends the exchange, whether or not the body was read to its
 * end.
 */
public final class StreamedReply implements AutoCloseable {
  /** The most of a body {@link #rest()} reads: error and JSON answers are small. */
  static final int MAX_REST_BYTES = 1024 * 1024;

  private final int status;
  private final Map<String, String> headers;
  private final InputStream body;

  public StreamedReply(int status, Map<String, String> headers, InputStream body) {
    this.status = status;
    TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(headers);
    this.headers = Collections.unmodifiableMap(caseInsensitive);
    this.body = body;
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public InputStream body() {
    return body;
  }

  /** The body as a stream with the answer's content type. */
  public ContentStream content() {
    return new ContentStream(headers.getOrDefault("Content-Type", "application/octet-stream"), body);
  }

  /**
   * The whole answer, its body read to the end (at most {@link #MAX_REST_BYTES}), and the exchange
   * closed: for answers known to be small, such as errors and JSON envelopes.
   *
   * @throws IncusUnavailableException when the body cannot be read
   */
  public HttpReply rest(HttpCall call, String peer) {
    try (this) {
      return new HttpReply(status, headers, body.readNBytes(MAX_REST_BYTES));
    } catch (IOException e) {
      throw new IncusUnavailableException("Could not read the answer to " + call.describe() + " from " + peer + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // The exchange is over either way.
    }
  }
}
