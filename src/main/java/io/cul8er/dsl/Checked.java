package io.cul8er.dsl;

import io.cul8er.dsl.ast.Arg;
import io.cul8er.dsl.ast.Call;
import io.cul8er.dsl.ast.Value;
import io.cul8er.model.SourcePos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A statement checked against its {@link Setting}: typed access to its arguments. A broken one (a
 * block whose header had errors, already reported) holds only its valid arguments: a rejected
 * positional argument reads as absent ({@link #has}).
 */
final class Checked {
  private final Call call;
  private final boolean broken;
  private final List<Value> positional = new ArrayList<>();
  private final Map<String, Value> keywords = new HashMap<>();

  Checked(Call call, Set<Object> rejected, boolean broken) {
    this.call = call;
    this.broken = broken;
    for (Arg arg : call.args()) {
      if (arg instanceof Arg.Keyword kw) {
        if (!rejected.contains(kw)) {
          keywords.putIfAbsent(kw.key(), kw.value());
        }
      } else {
        positional.add(rejected.contains(arg) ? null : arg.value());
      }
    }
  }

  boolean broken() {
    return broken;
  }

  /** Whether positional argument {@code index} was given and valid. */
  boolean has(int index) {
    return index < positional.size() && positional.get(index) != null;
  }

  /** Whether {@code key:} was written at all, valid or not. */
  boolean wrote(String key) {
    return call.keywords().stream().anyMatch(kw -> kw.key().equals(key));
  }

  String name() {
    return call.name();
  }

  /**
   * The name a block declares with its first argument (an atom, or a module's alias), or for a
   * broken header the text written instead (a string's value), so that messages can still name it.
   */
  String declaredName() {
    if (has(0)) {
      return describe(arg(0));
    }
    return call.positional().isEmpty() ? "" : describe(call.positional().get(0).value());
  }

  private static String describe(Value value) {
    if (value instanceof Value.Atom a) {
      return a.name();
    }
    if (value instanceof Value.Alias a) {
      return a.name();
    }
    return value instanceof Value.Str s ? s.value() : "";
  }

  Call call() {
    return call;
  }

  SourcePos pos() {
    return call.pos();
  }

  List<Call> body() {
    return call.block().map(b -> b.statements()).orElse(List.of());
  }

  Value arg(int index) {
    return positional.get(index);
  }

  String string(int index) {
    return ((Value.Str) arg(index)).value();
  }

  String atom(int index) {
    return ((Value.Atom) arg(index)).name();
  }

  long integer(int index) {
    return ((Value.Int) arg(index)).value();
  }

  Optional<Value> keyword(String key) {
    return Optional.ofNullable(keywords.get(key));
  }

  /** The single keyword of a setting declared with {@code oneOf}. */
  Arg.Keyword onlyKeyword() {
    return (Arg.Keyword) call.args().get(positional.size());
  }

  Optional<String> keywordString(String key) {
    return keyword(key).map(v -> ((Value.Str) v).value());
  }

  Optional<String> keywordAtom(String key) {
    return keyword(key).map(v -> ((Value.Atom) v).name());
  }

  Optional<Long> keywordInt(String key) {
    return keyword(key).map(v -> ((Value.Int) v).value());
  }

  static List<String> atoms(Value list) {
    return ((Value.ListOf) list).items().stream().map(v -> ((Value.Atom) v).name()).toList();
  }

  static List<String> strings(Value list) {
    return ((Value.ListOf) list).items().stream().map(v -> ((Value.Str) v).value()).toList();
  }

  static List<Long> integers(Value list) {
    return ((Value.ListOf) list).items().stream().map(v -> ((Value.Int) v).value()).toList();
  }

  /** Narrows to int, saturating: out-of-range values are then refused by the validator. */
  static int narrow(long value) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  int integerArg(int index) {
    return narrow(integer(index));
  }

  static double number(Value value) {
    return value instanceof Value.Int i ? i.value() : ((Value.Float) value).value();
  }
}
