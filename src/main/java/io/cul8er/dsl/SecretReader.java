package io.cul8er.dsl;

import io.cul8er.dsl.ast.Arg;
import io.cul8er.dsl.ast.Value;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads where a secret comes from: {@code from: :system, key: "VAR"} (an environment variable of
 * the deploying process) or {@code from: :file, path: "..."}. Written either as keywords of a
 * statement or as a keyword list value.
 */
final class SecretReader {
  private static final List<String> KEYS = List.of("from", "key", "path");

  private SecretReader() {}

  static Optional<SecretRef> fromKeywords(Checked c, Diagnostics diagnostics) {
    Map<String, Value> pairs = new LinkedHashMap<>();
    for (Arg.Keyword kw : c.call().keywords()) {
      pairs.put(kw.key(), kw.value());
    }
    return read("`" + c.name() + "`", pairs, c.pos(), diagnostics);
  }

  /** A keyword list already checked to hold only pairs. */
  static Optional<SecretRef> fromList(String owner, Value list, Diagnostics diagnostics) {
    Map<String, Value> pairs = new LinkedHashMap<>();
    int before = diagnostics.count();
    for (Value item : ((Value.ListOf) list).items()) {
      Value.KeywordPair pair = (Value.KeywordPair) item;
      if (!KEYS.contains(pair.key())) {
        String hint = Suggest.didYouMean(pair.key(), KEYS, "");
        diagnostics.error(pair.pos(), "unknown option `" + pair.key() + ":` in " + owner,
            hint != null ? hint.replace("`?", ":`?") : "a secret has from:, key: and path:");
      } else if (pairs.put(pair.key(), pair.value()) != null) {
        diagnostics.error(pair.pos(), "`" + pair.key() + ":` is given twice in " + owner, null);
      } else {
        ArgType type = pair.key().equals("from") ? ArgType.ATOM : ArgType.STRING;
        if (!type.accepts(pair.value())) {
          diagnostics.error(pair.value().pos(), "`" + pair.key() + ":` of " + owner + " expects "
              + type.noun() + ", got " + ArgType.given(pair.value()), null);
        }
      }
    }
    return diagnostics.count() == before ? read(owner, pairs, list.pos(), diagnostics) : Optional.empty();
  }

  private static Optional<SecretRef> read(
      String owner, Map<String, Value> pairs, SourcePos pos, Diagnostics diagnostics) {
    Value from = pairs.get("from");
    if (from == null) {
      diagnostics.error(pos, owner + " needs `from: :system` or `from: :file`", null);
      return Optional.empty();
    }
    Optional<String> source = Choices.SECRET_SOURCE.read(from, diagnostics);
    if (source.isEmpty()) {
      return Optional.empty();
    }
    boolean system = source.get().equals("system");
    String needed = system ? "key" : "path";
    String refused = system ? "path" : "key";
    if (pairs.containsKey(refused)) {
      diagnostics.error(pairs.get(refused).pos(), owner + " reads from :" + source.get()
          + ", which takes `" + needed + ":`, not `" + refused + ":`", null);
      return Optional.empty();
    }
    Value where = pairs.get(needed);
    if (where == null) {
      diagnostics.error(pos, owner + " with `from: :" + source.get() + "` needs `" + needed + ":`",
          system ? "name the environment variable: `key: \"NAME\"`" : "give the file: `path: \"...\"`");
      return Optional.empty();
    }
    String text = ((Value.Str) where).value();
    return Optional.of(system ? new SecretRef.FromEnv(text, pos) : new SecretRef.FromFile(text, pos));
  }
}
