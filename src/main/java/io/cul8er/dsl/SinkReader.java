package io.cul8er.dsl;

import io.cul8er.dsl.ast.Value;
import io.cul8er.model.Loopback;
import io.cul8er.model.Observability;
import io.cul8er.model.SecretRef;
import io.cul8er.model.Sink;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code sink :webhook, url: ..., secret: [...], events: [...]} and {@code sink :command,
 * run: [...], events: [...]} of an {@code observability} block. A webhook needs a secret (its
 * signing key) and an {@code https://} URL; {@code http://} is accepted only to a loopback
 * address, since the events would otherwise cross the network in clear.
 */
final class SinkReader {
  private static final List<String> KINDS = List.of("webhook", "command");

  private SinkReader() {}

  /**
   * The sink, given the events the block selects (which {@code events:} left out sends), or empty
   * after reporting why not.
   */
  static Optional<Function<List<String>, Sink>> read(Checked c, Diagnostics diagnostics) {
    String kind = ((Value.Atom) c.arg(0)).name();
    if (!KINDS.contains(kind)) {
      String hint = Suggest.didYouMean(kind, KINDS, ":");
      diagnostics.error(c.arg(0).pos(), "unknown sink `:" + kind + "`", hint != null ? hint : "a sink is :webhook or :command");
      return Optional.empty();
    }
    boolean webhook = kind.equals("webhook");
    for (String key : webhook ? List.of("run") : List.of("url", "secret")) {
      if (c.keyword(key).isPresent()) {
        diagnostics.error(c.keyword(key).get().pos(), "`sink :" + kind + "` takes no `" + key + ":`",
            webhook ? "a webhook is `url:` and `secret:`" : "a command sink is `run: [\"program\", \"arg\"]`");
        return Optional.empty();
      }
    }
    Optional<Value> own = c.keyword("events");
    if (own.isPresent() && !ScopeReader.names(own.get(), "event", Observability.EVENTS, diagnostics)) {
      return Optional.empty();
    }
    Optional<Function<List<String>, Sink>> sink = webhook ? webhook(c, diagnostics) : command(c, diagnostics);
    return sink.map(make -> selected -> make.apply(own.map(Checked::atoms).orElse(selected)));
  }

  private static Optional<Function<List<String>, Sink>> webhook(Checked c, Diagnostics diagnostics) {
    if (c.keyword("url").isEmpty() || c.keyword("secret").isEmpty()) {
      diagnostics.error(c.pos(), "`sink :webhook` needs `" + (c.keyword("url").isEmpty() ? "url" : "secret") + ":`",
          "write `sink :webhook, url: \"https://hooks.example.com/deploys\", secret: [from: :system, key: \"HOOK_SECRET\"]`");
      return Optional.empty();
    }
    Value urlValue = c.keyword("url").get();
    String url = ((Value.Str) urlValue).value();
    if (!acceptable("the webhook URL", "https://hooks.example.com/deploys", url, urlValue, diagnostics)) {
      return Optional.empty();
    }
    Optional<SecretRef> secret = SecretReader.fromList("`sink :webhook secret:`", c.keyword("secret").get(), diagnostics);
    return secret.map(s -> events -> new Sink.Webhook(url, s, events, c.pos()));
  }

  /**
   * Whether {@code url} is an http(s) URL with a host, plain http only to a loopback address;
   * {@code what} names it in the error, {@code example} shows a good one.
   */
  static boolean acceptable(String what, String example, String url, Value at, Diagnostics diagnostics) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      diagnostics.error(at.pos(), what + " `" + url + "` is not a URL: " + e.getReason(),
          "write it as `" + example + "`");
      return false;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      diagnostics.error(at.pos(), what + " `" + url + "` is not an http(s) URL with a host",
          "write it as `" + example + "`");
      return false;
    }
    if (scheme.equals("http") && !Loopback.is(uri.getHost())) {
      diagnostics.error(at.pos(), what + " `" + url + "` is plain http to " + uri.getHost()
          + ", which would send the events in clear over the network",
          "use `https://`, or an http:// URL on 127.0.0.1, ::1 or localhost");
      return false;
    }
    return true;
  }

  private static Optional<Function<List<String>, Sink>> command(Checked c, Diagnostics diagnostics) {
    List<String> run = c.keyword("run").map(Checked::strings).orElse(List.of());
    if (run.isEmpty() || run.get(0).isBlank()) {
      diagnostics.error(c.keyword("run").map(Value::pos).orElse(c.pos()), "`sink :command` needs `run:` with a program",
          "write `sink :command, run: [\"/usr/local/bin/notify\", \"--quiet\"]`; use [\"sh\", \"-c\", \"...\"] for a shell");
      return Optional.empty();
    }
    return Optional.of(events -> new Sink.Command(run, events, c.pos()));
  }
}
