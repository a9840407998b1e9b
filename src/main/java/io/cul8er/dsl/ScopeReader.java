package io.cul8er.dsl;

import io.cul8er.dsl.ast.Value;
import io.cul8er.model.Observability;
import io.cul8er.model.SecretRef;
import io.cul8er.model.StateBackend;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The settings that may stand at file, module or topology level: observability and state. */
final class ScopeReader {
  private ScopeReader() {}

  /** A list left out keeps everything: {@code metrics [...]} alone still records all events. */
  static Observability observability(Checked block, Diagnostics diagnostics) {
    Map<String, List<String>> chosen = new HashMap<>();
    Schemas.OBSERVABILITY.read(block.body(), diagnostics, c -> {
      boolean metrics = c.name().equals("metrics");
      List<String> known = metrics ? Observability.METRICS : Observability.EVENTS;
      if (names(c.arg(0), metrics ? "metric" : "event", known, diagnostics)) {
        chosen.put(c.name(), Checked.atoms(c.arg(0)));
      }
    });
    return new Observability(
        chosen.getOrDefault("metrics", Observability.METRICS),
        chosen.getOrDefault("events", Observability.EVENTS),
        block.pos());
  }

  private static boolean names(Value list, String what, List<String> known, Diagnostics diagnostics) {
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
