package io.cul8er.dsl;

import io.cul8er.dsl.ast.Value;
import io.cul8er.model.Observability;
import io.cul8er.model.SecretRef;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Sink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The settings that may stand at file, module or topology level: observability and state. */
final class ScopeReader {
  private ScopeReader() {}

  /** A list left out keeps everything: {@code metrics [...]} alone still records all events. */
  static Observability observability(Checked block, Diagnostics diagnostics) {
    Map<String, List<String>> chosen = new HashMap<>();
    List<Function<List<String>, Sink>> sinks = new ArrayList<>();
    Observability.EventLogLimits[] limits = {Observability.EventLogLimits.DEFAULT};
    String[] traces = {""};
    Schemas.OBSERVABILITY.read(block.body(), diagnostics, c -> {
      if (c.name().equals("sink")) {
        SinkReader.read(c, diagnostics).ifPresent(sinks::add);
        return;
      }
      if (c.name().equals("traces")) {
        traces(c, diagnostics).ifPresent(endpoint -> traces[0] = endpoint);
        return;
      }
      if (c.name().equals("event_log")) {
        eventLog(c, diagnostics).ifPresent(l -> limits[0] = l);
        return;
      }
      boolean metrics = c.name().equals("metrics");
      List<String> known = metrics ? Observability.METRICS : Observability.EVENTS;
      if (names(c.arg(0), metrics ? "metric" : "event", known, diagnostics)) {
        chosen.put(c.name(), Checked.atoms(c.arg(0)));
      }
    });
    List<String> events = chosen.getOrDefault("events", Observability.EVENTS);
    List<Sink> read = sinks.stream().map(sink -> sink.apply(events)).toList();
    return new Observability(chosen.getOrDefault("metrics", Observability.METRICS), events, read, limits[0],
        traces[0], block.pos());
  }

  /** {@code traces otlp: "http://127.0.0.1:4318"}: the OTLP/HTTP base URL, plain http only to loopback. */
  private static Optional<String> traces(Checked c, Diagnostics diagnostics) {
    Optional<Value> otlp = c.keyword("otlp");
    if (otlp.isEmpty()) {
      diagnostics.error(c.pos(), "`traces` needs `otlp:`", "write `traces otlp: \"http://127.0.0.1:4318\"`");
      return Optional.empty();
    }
    String url = ((Value.Str) otlp.get()).value();
    return SinkReader.acceptable("the OTLP endpoint", "https://otel.example.com:4318", url, otlp.get(), diagnostics)
        ? Optional.of(url) : Optional.empty();
  }

  /** {@code event_log max_mebibytes: 10, keep: 5}: both at least 1. */
  private static Optional<Observability.EventLogLimits> eventLog(Checked c, Diagnostics diagnostics) {
    long mebibytes = c.keywordInt("max_mebibytes").orElse(Observability.EventLogLimits.DEFAULT.maxBytes() >> 20);
    long keep = c.keywordInt("keep").orElse((long) Observability.EventLogLimits.DEFAULT.keep());
    for (String key : List.of("max_mebibytes", "keep")) {
      long value = key.equals("keep") ? keep : mebibytes;
      if (value < 1 || value > 1_000_000) {
        diagnostics.error(c.keyword(key).orElseThrow().pos(), "`event_log " + key + ": " + value
            + "` is out of range", "give a number from 1 to 1000000");
        return Optional.empty();
      }
    }
    return Optional.of(new Observability.EventLogLimits(mebibytes << 20, (int) keep));
  }

  static boolean names(Value list, String what, List<String> known, Diagnostics diagnostics) {
    boolean ok = true;
    for (Value item : ((Value.ListOf) list).items()) {
      String name = ((Value.Atom) item).name();
      if (!known.contains(name)) {
        String hint = Suggest.didYouMean(name, known, ":");
        diagnostics.error(item.pos(), "unknown " + what + " `:" + name + "`",
            hint != null ? hint : "known " + what + "s: " + String.join(", ", known));
        ok = false;
      }
    }
    return ok;
  }

  static Optional<StateBackend> state(Checked c, Diagnostics diagnostics) {
    Optional<String> backend = Choices.STATE_BACKEND.read(c.keyword("backend").orElseThrow(), diagnostics);
    if (backend.isEmpty()) {
      return Optional.empty();
    }
    boolean file = backend.get().equals("file");
    for (String key : file ? List.of("url", "password") : List.of("path")) {
      if (c.keyword(key).isPresent()) {
        diagnostics.error(c.keyword(key).get().pos(), "`state backend: :" + backend.get() + "` takes no `"
            + key + ":`", file ? "`path:` names the state directory" : "give the database as `url:`");
        return Optional.empty();
      }
    }
    if (file) {
      String directory = c.keywordString("path").orElse(((StateBackend.File) StateBackend.defaultFile()).directory());
      return Optional.of(new StateBackend.File(directory, c.pos()));
    }
    if (c.keyword("url").isEmpty()) {
      diagnostics.error(c.pos(), "`state backend: :postgres` needs `url:`",
          "write `url: \"jdbc:postgresql://db:5432/cul8er\"`");
      return Optional.empty();
    }
    Optional<SecretRef> password = Optional.empty();
    if (c.keyword("password").isPresent()) {
      password = SecretReader.fromList("`state password:`", c.keyword("password").get(), diagnostics);
      if (password.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(new StateBackend.Postgres(c.keywordString("url").orElseThrow(), password, c.pos()));
  }
}
