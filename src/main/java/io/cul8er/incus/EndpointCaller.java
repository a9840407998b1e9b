package io.cul8er.incus;

import com.fasterxml.jackson.databind.JsonNode;
import io.cul8er.incus.api.IncusJson;
import io.cul8er.incus.api.Operation;
import io.cul8er.incus.endpoint.Body;
import io.cul8er.incus.endpoint.GetOperation;
import io.cul8er.incus.endpoint.IncusEndpoint;
import io.cul8er.incus.endpoint.Reply;
import io.cul8er.incus.endpoint.Resend;
import io.cul8er.incus.endpoint.WaitOperation;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs {@link IncusEndpoint}s over a transport: builds the request, unwraps the envelope, turns
 * errors into {@link IncusException}s naming the request, and waits for async operations through
 * {@code /1.0/operations/{id}/wait}.
 *
 * <p>It rides out a restarting daemon ({@link Patience}): a request that never arrived, or that
 * Incus answered with 503, is sent again; one whose answer was lost is sent again as its endpoint's
 * {@link Resend} allows, after reading back its effect when that is what it asks.
 */
final class EndpointCaller {
  private static final int UNAVAILABLE = 503;

  private final IncusTransport transport;
  private final IncusSettings settings;
  private final AtomicLong requests;
  private final AtomicBoolean answered;
  private final Patience.Clock clock;

  EndpointCaller(IncusTransport transport, IncusSettings settings, AtomicLong requests,
      AtomicBoolean answered, Patience.Clock clock) {
    this.transport = transport;
    this.settings = settings;
    this.requests = requests;
    this.answered = answered;
    this.clock = clock;
  }

  /** The request may have taken effect, but its outcome is unknown. */
  private static final class AnswerLost extends RuntimeException {
    final String why;
    final IncusException failure;

    AnswerLost(String why, IncusException failure) {
      super(why, null, false, false);
      this.why = why;
      this.failure = failure;
    }
  }

  <T> T call(IncusEndpoint<T> endpoint) {
    return call(endpoint, patience(endpoint, toCall(endpoint, settings.requestTimeout())));
  }

  private Patience patience(IncusEndpoint<?> endpoint, HttpCall call) {
    return new Patience(settings.retryWindow(), answered::get, clock, transport.describe(),
        call.describe() + " (" + endpoint.action() + ")");
  }

  private <T> T call(IncusEndpoint<T> endpoint, Patience patience) {
    HttpCall call = toCall(endpoint, settings.requestTimeout());
    boolean repeated = false;
    while (true) {
      try {
        return once(endpoint, call, patience, repeated);
      } catch (AnswerLost lost) {
        if (!patience.enabled()) {
          throw lost.failure;
        }
        Resend resend = endpoint.resend();
        if (resend instanceof Resend.Never) {
          throw lost.failure instanceof OperationGoneException
              ? lost.failure : notRepeated(call, endpoint, lost);
        }
        if (resend instanceof Resend.AfterCheck<?> check) {
          Resend.Verdict verdict = verdict(check, patience);
          if (verdict instanceof Resend.Verdict.Done) {
            return null;
          }
          if (verdict instanceof Resend.Verdict.Then then) {
            call(then.rest(), patience);
            return null;
          }
        }
        patience.pause(lost.why, lost.failure);
        repeated = true;
      }
    }
  }

  private <T> T once(IncusEndpoint<T> endpoint, HttpCall call, Patience patience,
      boolean repeated) {
    return answer(endpoint, call, send(call, endpoint.action(), endpoint.resend() instanceof Resend.Always,
        patience, transport::send, EndpointCaller::whole), patience, repeated);
  }

  /**
   * Runs {@code endpoint}, its request body read from {@code upload} as it is sent (the endpoint's
   * own body is not sent); its operation, if it starts one, is waited for as any other. Never sent
   * again, not even after a 503: the upload is read once. The request may take the transfer
   * timeout, with no more than the request timeout between two bytes.
   */
  <T> T upload(IncusEndpoint<T> endpoint, ContentStream upload) {
    HttpCall call = toCall(endpoint, settings.transferTimeout());
    Patience once = new Patience(Duration.ZERO, answered::get, clock, transport.describe(), call.describe());
    try {
      Sent<HttpReply> sent = send(call, endpoint.action(), false, once,
          c -> transport.stream(c, Optional.of(upload), settings.requestTimeout()).rest(c, transport.describe()),
          EndpointCaller::whole);
      return answer(endpoint, call, sent, patience(endpoint, call), false);
    } catch (AnswerLost lost) {
      throw lost.failure;
    }
  }

  /**
   * The raw answer of {@code endpoint} (a GET), its body to be read as a stream: for content too big
   * to hold. An error answer is read and thrown as any other. It may take the transfer timeout, with
   * no more than the request timeout between two bytes.
   */
  ContentStream download(IncusEndpoint<?> endpoint) {
    HttpCall call = toCall(endpoint, settings.transferTimeout());
    Opened opened = send(call, endpoint.action(), true, patience(endpoint, call), c -> {
      StreamedReply streamed = transport.stream(c, Optional.empty(), settings.requestTimeout());
      return streamed.status() < 400 ? new Opened(Optional.of(streamed), Optional.empty())
          : new Opened(Optional.empty(), Optional.of(streamed.rest(c, transport.describe())));
    }, Opened::error).http();
    if (opened.error().isPresent()) {
      Envelope envelope = parse(call, endpoint, opened.error().get());
      throw IncusException.of(call.describe(), endpoint.action(), envelope.errorCode(), envelope.error());
    }
    return opened.streamed().orElseThrow().content();
  }

  /** A streamed answer: its body still to read, or an error answer read whole. */
  private record Opened(Optional<StreamedReply> streamed, Optional<HttpReply> error) {}

  private <T> T answer(IncusEndpoint<T> endpoint, HttpCall call, Sent<HttpReply> sent, Patience patience,
      boolean repeated) {
    HttpReply http = sent.http();
    if (endpoint.rawResponse() && http.status() < 400) {
      return endpoint.decode(Reply.raw(http.body()));
    }
    Envelope envelope = parse(call, endpoint, http);
    if (envelope.isError()) {
      if ((repeated || sent.resentAfterLoss()) && envelope.errorCode() == 404
          && "DELETE".equals(call.method())) {
        return null; // an earlier attempt deleted it
      }
      throw IncusException.of(call.describe(), endpoint.action(), envelope.errorCode(),
          envelope.error());
    }
    if (envelope.isAsync() && endpoint.awaitsOperation()) {
      Operation done = await(envelope.operationId(), call, endpoint, patience);
      return endpoint.decode(reply(http, done.metadata(), Optional.of(done)));
    }
    return endpoint.decode(reply(http, envelope.metadata(), Optional.empty()));
  }

  private <R> Resend.Verdict verdict(Resend.AfterCheck<R> check, Patience patience) {
    Optional<R> found;
    try {
      found = Optional.ofNullable(call(check.read(), patience));
    } catch (IncusNotFoundException e) {
      found = Optional.empty();
    }
    return check.verdict().apply(found);
  }

  private Operation await(String id, HttpCall original, IncusEndpoint<?> endpoint,
      Patience patience) {
    java.time.Duration limit = endpoint.operationTimeout().orElse(settings.operationTimeout());
    long seconds = limit.toSeconds();
    WaitOperation wait = new WaitOperation(id, seconds);
    HttpCall call = toCall(wait, limit.plus(settings.requestTimeout()));
    HttpReply http = send(call, endpoint.action(), true, patience, transport::send, EndpointCaller::whole).http();
    Envelope envelope = parse(call, wait, http);
    if (envelope.isError() && envelope.errorCode() == 404 && !known(id, patience)) {
      // Incus forgets a finished operation after a few seconds, and a restarted daemon knows none
      // of its predecessor's: the wait cannot tell how it ended.
      throw new AnswerLost("operation " + id + " unknown to Incus",
          new OperationGoneException(original.describe(), endpoint.action(), id));
    }
    if (envelope.isError()) {
      throw IncusException.of(original.describe(), endpoint.action(), envelope.errorCode(),
          envelope.error());
    }
    Operation operation = wait.decode(reply(http, envelope.metadata(), Optional.empty()));
    if (operation.isRunning()) {
      throw new IncusTimeoutException(original.describe() + " (" + endpoint.action()
          + "): operation " + id + " still running after " + seconds + " s", null);
    }
    if (operation.failed()) {
      throw IncusException.of(original.describe(), endpoint.action(), operation.statusCode(),
          operation.err());
    }
    return operation;
  }

  /**
   * Whether Incus knows operation {@code id}: the wait of an operation that failed with a "not
   * found" error answers 404 too.
   */
  private boolean known(String id, Patience patience) {
    try {
      call(new GetOperation(id), patience);
      return true;
    } catch (IncusNotFoundException e) {
      return false;
    }
  }

  /** An answer, and whether the request was sent again after it may have arrived. */
  private record Sent<R>(R http, boolean resentAfterLoss) {}

  /** A whole answer that is a 503, to be read. */
  private static Optional<HttpReply> whole(HttpReply http) {
    return http.status() == UNAVAILABLE ? Optional.of(http) : Optional.empty();
  }

  /**
   * Sends {@code call} through {@code exchange} until Incus answers something other than 503, while
   * {@code patience} lasts ({@code failed} reads an answer that is an error, so that a 503 is seen).
   * A request that may have arrived before its connection was lost is sent again only when {@code
   * repeatable}; otherwise its loss is an {@link AnswerLost}.
   */
  private <R> Sent<R> send(HttpCall call, String action, boolean repeatable, Patience patience,
      Function<HttpCall, R> exchange, Function<R, Optional<HttpReply>> failed) {
    boolean resentAfterLoss = false;
    while (true) {
      String why;
      IncusException failure;
      try {
        requests.incrementAndGet();
        R answer = exchange.apply(call);
        answered.set(true);
        Optional<HttpReply> unavailable = failed.apply(answer).filter(http -> http.status() == UNAVAILABLE);
        if (unavailable.isEmpty() || !patience.enabled()) {
          return new Sent<>(answer, resentAfterLoss);
        }
        HttpReply http = unavailable.get();
        String error = envelope(http).map(Envelope::error).orElse(http.bodyText().strip());
        why = "it answered 503: " + error;
        failure = IncusException.of(call.describe(), action, UNAVAILABLE, error);
      } catch (IncusUnavailableException e) {
        ConnectionLoss loss = e.loss().orElseThrow(() -> e);
        if (loss.mayHaveArrived() && !repeatable) {
          throw new AnswerLost(loss.words(), e);
        }
        resentAfterLoss |= loss.mayHaveArrived();
        why = loss.words();
        failure = e;
      }
      patience.pause(why, failure);
    }
  }

  private IncusUnavailableException notRepeated(
      HttpCall call, IncusEndpoint<?> endpoint, AnswerLost lost) {
    return new IncusUnavailableException("Incus stopped answering on " + transport.describe()
        + " (" + lost.why + ") during " + call.describe() + " (" + endpoint.action()
        + "); not sent again: it may have been carried out already, and it is not marked safe to"
        + " repeat", lost.failure);
  }

  private static Reply reply(HttpReply http, JsonNode metadata, Optional<Operation> operation) {
    return new Reply(http.etag(), http.body(), metadata, operation);
  }

  private static Optional<Envelope> envelope(HttpReply http) {
    try {
      return Optional.of(IncusJson.MAPPER.readValue(http.body(), Envelope.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Envelope parse(HttpCall call, IncusEndpoint<?> endpoint, HttpReply http) {
    return envelope(http).orElseThrow(() -> {
      String text = http.bodyText().strip();
      return new IncusException(call.describe(), endpoint.action(), http.status(),
          "not an Incus API answer (HTTP " + http.status() + "): "
              + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
    });
  }

  private HttpCall toCall(IncusEndpoint<?> endpoint, Duration timeout) {
    Map<String, String> query = new LinkedHashMap<>(endpoint.query());
    if (endpoint.projectScoped()) {
      settings.project().ifPresent(project -> query.put("project", project));
    }
    String target = endpoint.path() + (query.isEmpty() ? "" : "?" + query.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&")));
    Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
    Optional<Body> body = endpoint.body();
    body.ifPresent(b -> headers.put("Content-Type", b.contentType()));
    byte[] bytes = body.map(Body::bytes).orElse(new byte[0]);
    return new HttpCall(endpoint.method(), target, headers, bytes, timeout);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20")
        .replace("%2F", "/");
  }
}
