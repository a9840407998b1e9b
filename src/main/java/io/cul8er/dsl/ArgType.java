package io.cul8er.dsl;

import io.cul8er.dsl.ast.Value;
import java.util.function.Predicate;

/** The type an argument of a setting must have, with the noun used in error messages. */
enum ArgType {
  ATOM("an atom", v -> v instanceof Value.Atom),
  STRING("a string", v -> v instanceof Value.Str),
  INTEGER("an integer", v -> v instanceof Value.Int),
  NUMBER("a number", v -> v instanceof Value.Int || v instanceof Value.Float),
  BOOLEAN("a boolean", v -> v instanceof Value.Bool),
  ALIAS("a module name such as `Cluster.Strategy.Epmd`", v -> v instanceof Value.Alias),
  ATOMS("a list of atoms", v -> isListOf(v, Value.Atom.class)),
  INTEGERS("a list of integers", v -> isListOf(v, Value.Int.class)),
  STRINGS("a list of strings", v -> isListOf(v, Value.Str.class)),
  ATOM_OR_ATOMS(
      "an atom or a list of atoms", v -> v instanceof Value.Atom || isListOf(v, Value.Atom.class)),
  SECRET(
      "a secret reference such as `[from: :system, key: \"NAME\"]`",
      v -> isListOf(v, Value.KeywordPair.class));

  private final String noun;
  private final Predicate<Value> accepts;

  ArgType(String noun, Predicate<Value> accepts) {
    this.noun = noun;
    this.accepts = accepts;
  }

  String noun() {
    return noun;
  }

  boolean accepts(Value value) {
    return accepts.test(value);
  }

  /** What was given instead, more precisely than the value's own noun for mixed lists. */
  static String given(Value value) {
    if (value instanceof Value.ListOf list) {
      for (Value item : list.items()) {
        if (list.items().get(0).getClass() != item.getClass()) {
          return "a list mixing " + list.items().get(0).describe() + " and " + item.describe();
        }
      }
      return list.items().isEmpty() ? "an empty list" : "a list of " + plural(list.items().get(0));
    }
    return value.describe();
  }

  private static String plural(Value item) {
    if (item instanceof Value.KeywordPair) {
      return "keyword pairs";
    }
    String noun = item.describe().replaceFirst("^an? ", "");
    return noun + "s";
  }

  private static boolean isListOf(Value v, Class<? extends Value> type) {
    return v instanceof Value.ListOf list && list.items().stream().allMatch(type::isInstance);
  }
}
