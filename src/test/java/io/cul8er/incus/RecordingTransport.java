package io.cul8er.incus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transport that answers from a script of replies, in order, and records every request, so
 * tests can check exactly what a client sent without a daemon.
 */
public final class RecordingTransport implements IncusTransport {
  private final Deque<HttpReply> replies = new ArrayDeque<>();
  private final List<HttpCall> calls = new ArrayList<>();

  public RecordingTransport reply(HttpReply reply) {
    replies.add(reply);
    return this;
  }

  public RecordingTransport sync(String metadataJson) {
    return reply(IncusReplies.sync(metadataJson));
  }

  public RecordingTransport syncWithEtag(String metadataJson, String etag) {
    return reply(IncusReplies.syncWithEtag(metadataJson, etag));
  }

  /** HTTP 202 with an operation, as Incus answers a request that starts background work. */
  public RecordingTransport async(String operationId) {
    return reply(IncusReplies.async(operationId));
  }

  /** The answer of {@code /operations/{id}/wait} for an operation in {@code status}. */
  public RecordingTransport operation(String id, String status, String err, String metadata) {
    return reply(IncusReplies.operation(id, status, err, metadata));
  }

  public RecordingTransport error(int code, String message) {
    return reply(IncusReplies.error(code, message));
  }

  public RecordingTransport raw(String content) {
    return reply(IncusReplies.raw(content));
  }

  public List<HttpCall> calls() {
    return List.copyOf(calls);
  }

  /** The requests as {@code METHOD target} lines. */
  public List<String> requestLines() {
    return calls.stream().map(call -> call.method() + " " + call.target()).toList();
  }

  public HttpCall last() {
    return calls.get(calls.size() - 1);
  }

  @Override
  public HttpReply send(HttpCall call) {
    calls.add(call);
    if (replies.isEmpty()) {
      throw new AssertionError("No reply scripted for " + call.method() + " " + call.target());
    }
    return replies.poll();
  }

  /**
   * Records the call with the upload read into its body (as a byte array call would carry it) and
   * its content type, and answers with the next reply, its body as a stream.
   */
  @Override
  public StreamedReply stream(HttpCall call, Optional<ContentStream> upload, Duration idle) {
    HttpCall recorded = call;
    if (upload.isPresent()) {
      Map<String, String> headers = new LinkedHashMap<>(call.headers());
      headers.put("Content-Type", upload.get().contentType());
      try (ContentStream content = upload.get()) {
        recorded = new HttpCall(call.method(), call.target(), headers, content.content().readAllBytes(),
            call.timeout());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    HttpReply reply = send(recorded);
    return new StreamedReply(reply.status(), reply.headers(), new ByteArrayInputStream(reply.body()));
  }

  @Override
  public String describe() {
    return "recording transport";
  }

  @Override
  public void close() {}
}
