package io.cul8er.dsl;

import io.cul8er.dsl.ast.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An atom that must be one of a fixed set, such as {@code approach :rolling}. */
final class Choice<T> {
  private final String what;
  private final Map<String, T> options = new LinkedHashMap<>();

  private Choice(String what) {
    this.what = what;
  }

  static <T> Choice<T> of(String what) {
    return new Choice<>(what);
  }

  Choice<T> option(String atom, T value) {
    options.put(atom, value);
    return this;
  }

  /** The value an atom names, or empty after reporting an error with a suggestion. */
  Optional<T> read(Value value, Diagnostics diagnostics) {
    String name = ((Value.Atom) value).name();
    T chosen = options.get(name);
    if (chosen != null) {
      return Optional.of(chosen);
    }
    String hint = Suggest.didYouMean(name, options.keySet(), ":");
    diagnostics.error(
        value.pos(),
        "unknown " + what + " `:" + name + "`",
        hint != null ? hint : "expected one of " + atoms());
    return Optional.empty();
  }

  /** The atom written for {@code value}, for printing. */
  String atomOf(T value) {
    return options.entrySet().stream()
        .filter(e -> e.getValue().equals(value))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  private String atoms() {
    return String.join(", ", options.keySet().stream().map(a -> ":" + a).toList());
  }
}
