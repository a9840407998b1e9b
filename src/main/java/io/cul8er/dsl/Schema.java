package io.cul8er.dsl;

import io.cul8er.dsl.ast.Arg;
import io.cul8er.dsl.ast.Call;
import io.cul8er.dsl.ast.Value;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The statements allowed in one kind of block. {@link #read} checks every statement against its
 * {@link Setting} (name, arity, types, keywords, block, repetition) and hands the reader only
 * well-formed statements, or blocks with their malformed arguments left out, so readers never see
 * a malformed argument.
 */
final class Schema {
  private final String context;
  private final Map<String, Setting> settings;

  private Schema(String context, Map<String, Setting> settings) {
    this.context = context;
    this.settings = settings;
  }

  static Schema of(String context, Setting.Builder... settings) {
    Map<String, Setting> byName = new LinkedHashMap<>();
    for (Setting.Builder b : settings) {
      Setting s = b.build();
      byName.put(s.name(), s);
    }
    return new Schema(context, Collections.unmodifiableMap(byName));
  }

  String context() {
    return context;
  }

  java.util.Collection<Setting> settings() {
    return settings.values();
  }

  /**
   * Checks each statement and passes the well-formed ones, in order, to {@code reader}. A statement
   * that takes a {@code do} block is passed even when its header is malformed, marked
   * {@link Checked#broken() broken} and holding only its valid arguments, so that its body is
   * still checked and what it declares still exists for references. Returns the settings the
   * block tried to give but got wrong (malformed, or misspelt close to a known name), so that
   * readers report no consequential "missing" error for them.
   */
  Set<String> read(List<Call> statements, Diagnostics diagnostics, Consumer<Checked> reader) {
    Map<String, Call> seen = new HashMap<>();
    Set<String> attempted = new HashSet<>();
    for (Call call : statements) {
      Setting setting = settings.get(call.name());
      if (setting == null) {
        Optional<String> close = Suggest.closest(call.name(), settings.keySet());
        close.ifPresent(attempted::add);
        diagnostics.error(
            call.pos(),
            "unknown setting `" + call.name() + "` in `" + context + "`",
            close.map(c -> "did you mean `" + c + "`?")
                .orElse("known settings: " + String.join(", ", settings.keySet())));
        continue;
      }
      if (setting.unsupported() != null) {
        diagnostics.error(call.pos(), "`" + call.name() + "` is not supported yet", setting.unsupported());
        continue;
      }
      Call earlier = seen.putIfAbsent(call.name(), call);
      if (earlier != null && !setting.repeatable()) {
        diagnostics.error(
            call.pos(),
            "`" + call.name() + "` is set twice in `" + context + "`",
            "the first is at line " + earlier.pos().line() + "; keep one");
        continue;
      }
      Set<Object> rejected = Collections.newSetFromMap(new IdentityHashMap<>());
      if (conforms(call, setting, diagnostics, rejected)) {
        reader.accept(new Checked(call, Set.of(), false));
      } else {
        attempted.add(call.name());
        if (setting.body() != Setting.Body.NONE) {
          reader.accept(new Checked(call, rejected, true));
        }
      }
    }
    return attempted;
  }

  private static boolean conforms(Call call, Setting setting, Diagnostics diagnostics, Set<Object> rejected) {
    int errorsBefore = diagnostics.count();
    String name = call.name();
    String example = setting.hint();
    switch (setting.body()) {
      case NONE -> call.block()
          .ifPresent(b -> diagnostics.error(b.pos(), "`" + name + "` takes no `do` block", example));
      case REQUIRED -> {
        if (call.block().isEmpty()) {
          diagnostics.error(call.pos(), "`" + name + "` needs a `do ... end` block", example);
        }
      }
      case OPTIONAL -> {}
    }
    List<Arg.Positional> positional = call.positional();
    if (positional.size() > setting.positional().size()) {
      Arg extra = positional.get(setting.positional().size());
      String count = setting.positional().isEmpty() ? "no" : String.valueOf(setting.positional().size());
      diagnostics.error(
          extra.pos(),
          "`" + name + "` takes " + count + " positional argument"
              + (setting.positional().size() == 1 ? "" : "s") + ", got " + positional.size(),
          example);
      positional.subList(setting.positional().size(), positional.size()).forEach(rejected::add);
    } else if (positional.size() < setting.requiredPositional()) {
      diagnostics.error(
          call.pos(),
          "`" + name + "` needs " + setting.positional().get(positional.size()).noun(),
          example);
    }
    for (int i = 0; i < Math.min(positional.size(), setting.positional().size()); i++) {
      ArgType type = setting.positional().get(i);
      Value value = positional.get(i).value();
      if (!type.accepts(value)) {
        rejected.add(positional.get(i));
        diagnostics.error(
            value.pos(),
            "`" + name + "` expects " + type.noun() + ", got " + ArgType.given(value),
            example);
      }
    }
    checkKeywords(call, setting, diagnostics, example, rejected);
    return diagnostics.count() == errorsBefore;
  }

  private static void checkKeywords(
      Call call, Setting setting, Diagnostics diagnostics, String example, Set<Object> rejected) {
    String name = call.name();
    Set<String> given = new HashSet<>();
    for (Arg.Keyword kw : call.keywords()) {
      ArgType type = setting.keywords().get(kw.key());
      if (type == null) {
        String hint = Suggest.didYouMean(kw.key(), setting.keywords().keySet(), "");
        if (hint != null) {
          hint = hint.replace("`?", ":`?");
        } else if (setting.keywords().isEmpty()) {
          hint = example;
        } else {
          hint = "`" + name + "` accepts " + String.join(", ", setting.keywords().keySet().stream().map(k -> k + ":").toList());
        }
        diagnostics.error(kw.pos(), "unknown option `" + kw.key() + ":` for `" + name + "`", hint);
        rejected.add(kw);
        continue;
      }
      if (!given.add(kw.key())) {
        diagnostics.error(kw.pos(), "`" + kw.key() + ":` is given twice to `" + name + "`", null);
        rejected.add(kw);
        continue;
      }
      if (!type.accepts(kw.value())) {
        rejected.add(kw);
        String hint = example;
        if (type == ArgType.SECRET && kw.value() instanceof Value.Str) {
          hint = "secrets are never written in the topology; read it at deploy time with `" + kw.key()
              + ": [from: :system, key: \"NAME\"]`";
        }
        diagnostics.error(
            kw.value().pos(),
            "`" + name + " " + kw.key() + ":` expects " + type.noun() + ", got " + ArgType.given(kw.value()),
            hint);
      }
    }
    for (String required : setting.requiredKeywords()) {
      if (!given.contains(required)) {
        diagnostics.error(call.pos(), "`" + name + "` needs `" + required + ":`", example);
      }
    }
    if (setting.exactlyOneKeyword() && given.size() != 1 && call.keywords().size() == given.size()) {
      String choices = String.join(", ", setting.keywords().keySet().stream().map(k -> k + ":").toList());
      diagnostics.error(
          call.pos(),
          "`" + name + "` needs exactly one of " + choices + (given.isEmpty() ? "" : ", got " + given.size()),
          example);
    }
  }
}
