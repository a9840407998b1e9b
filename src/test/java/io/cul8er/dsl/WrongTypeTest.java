package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven from the schemas themselves: every keyword and positional argument of every
 * setting, given a value of the wrong type, gives one positioned "expects X, got Y" error.
 */
class WrongTypeTest {
  private static final Map<Schema, String> CONTEXTS = Map.ofEntries(
      Map.entry(Schemas.FILE, "%s\n"),
      Map.entry(Schemas.MODULE, "defmodule M do\n%s\nend\n"),
      Map.entry(Schemas.TOPOLOGY, "topology :t do\n%s\nend\n"),
      Map.entry(Schemas.HOST, "topology :t do\nhost :h do\n%s\nend\nend\n"),
      Map.entry(Schemas.RESOURCE, "topology :t do\nresource :r, on: :h do\n%s\nend\nend\n"),
      Map.entry(Schemas.ENVIRONMENT, "topology :t do\nresource :r, on: :h do\nenvironment do\n%s\nend\nend\nend\n"),
      Map.entry(Schemas.LIMITS, "topology :t do\nresource :r, on: :h do\nlimits do\n%s\nend\nend\nend\n"),
      Map.entry(Schemas.NETWORK, "topology :t do\nresource :r, on: :h do\nnetwork do\n%s\nend\nend\nend\n"),
      Map.entry(Schemas.EXPOSE,
          "topology :t do\nresource :r, on: :h do\nnetwork do\nexpose port: 80, protocol: :https do\n%s\nend\nend\nend\nend\n"),
      Map.entry(Schemas.CLUSTER, "cluster :c do\n%s\nend\n"),
      Map.entry(Schemas.STRATEGY, "strategy do\n%s\nend\n"),
      Map.entry(Schemas.HEALTHCHECK, "strategy do\nhealthcheck do\n%s\nend\nend\n"),
      Map.entry(Schemas.ROLLBACK, "strategy do\nrollback do\n%s\nend\nend\n"),
      Map.entry(Schemas.BLUE_GREEN, "strategy do\nblue_green do\n%s\nend\nend\n"),
      Map.entry(Schemas.CANARY, "strategy do\ncanary do\n%s\nend\nend\n"),
      Map.entry(Schemas.OBSERVABILITY, "observability do\n%s\nend\n"),
      Map.entry(Schemas.AGENT, "topology :t do\nagent do\n%s\nend\nend\n"),
      Map.entry(Schemas.HOOKS, "topology :t do\nhooks do\n%s\nend\nend\n"));

  private static final Map<ArgType, String> VALID = Map.ofEntries(
      Map.entry(ArgType.ATOM, ":a"),
      Map.entry(ArgType.STRING, "\"s\""),
      Map.entry(ArgType.INTEGER, "1"),
      Map.entry(ArgType.NUMBER, "1.5"),
      Map.entry(ArgType.BOOLEAN, "true"),
      Map.entry(ArgType.ALIAS, "Cluster.Strategy.Epmd"),
      Map.entry(ArgType.ATOMS, "[:a]"),
      Map.entry(ArgType.INTEGERS, "[1]"),
      Map.entry(ArgType.STRINGS, "[\"s\"]"),
      Map.entry(ArgType.ATOM_OR_ATOMS, ":a"),
      Map.entry(ArgType.SECRET, "[from: :system, key: \"K\"]"));

  /** A value of the wrong type, and how the error names it. */
  private static String[] wrong(ArgType type) {
    return type == ArgType.STRING ? new String[] {":x", "an atom"} : new String[] {"\"x\"", "a string"};
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    CONTEXTS.forEach((schema, template) -> {
      for (Setting s : schema.settings()) {
        if (s.unsupported() != null) {
          continue;
        }
        for (int i = 0; i < s.positional().size(); i++) {
          List<String> args = new ArrayList<>();
          for (int j = 0; j < s.positional().size(); j++) {
            args.add(j == i ? wrong(s.positional().get(j))[0] : VALID.get(s.positional().get(j)));
          }
          args.addAll(requiredKeywords(s, null));
          String expected = "`" + s.name() + "` expects " + s.positional().get(i).noun() + ", got "
              + wrong(s.positional().get(i))[1];
          cases.add(Arguments.of(schema.context() + ": " + s.name() + " #" + i, statement(template, s, args), expected));
        }
        for (var kw : s.keywords().entrySet()) {
          List<String> args = new ArrayList<>();
          s.positional().forEach(t -> args.add(VALID.get(t)));
          args.add(kw.getKey() + ": " + wrong(kw.getValue())[0]);
          if (!s.exactlyOneKeyword()) {
            args.addAll(requiredKeywords(s, kw.getKey()));
          }
          String expected = "`" + s.name() + " " + kw.getKey() + ":` expects " + kw.getValue().noun() + ", got "
              + wrong(kw.getValue())[1];
          cases.add(Arguments.of(schema.context() + ": " + s.name() + " " + kw.getKey(), statement(template, s, args), expected));
        }
      }
    });
    return cases.stream();
  }

  private static List<String> requiredKeywords(Setting s, String except) {
    return s.requiredKeywords().stream()
        .filter(k -> !k.equals(except))
        .map(k -> k + ": " + VALID.get(s.keywords().get(k)))
        .toList();
  }

  private static String statement(String template, Setting s, List<String> args) {
    String call = s.name() + " " + String.join(", ", args) + (s.body() == Setting.Body.REQUIRED ? " do\nend" : "");
    return String.format(template, call);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void wrongTypeIsOnePositionedError(String name, String text, String expected) {
    ParseResult result = Dsl.parse("t.cul8", text);
    assertThat(result.diagnostics())
        .as(text + "\n" + result.render())
        .filteredOn(d -> d.message().equals(expected))
        .singleElement()
        .satisfies(d -> assertThat(d.pos().line()).isGreaterThan(0));
    assertThat(result.diagnostics()).filteredOn(d -> d.message().contains("expects")).hasSize(1);
  }

  @org.junit.jupiter.api.Test
  void everySchemaIsCovered() throws IllegalAccessException {
    Set<Schema> declared = new HashSet<>();
    for (Field field : Schemas.class.getDeclaredFields()) {
      if (field.getType() == Schema.class && Modifier.isStatic(field.getModifiers())) {
        field.setAccessible(true);
        declared.add((Schema) field.get(null));
      }
    }

    assertThat(declared).hasSizeGreaterThan(1);
    assertThat(CONTEXTS.keySet()).containsExactlyInAnyOrderElementsOf(declared);
  }

  @org.junit.jupiter.api.Test
  void everyTypedArgumentOfEverySupportedSettingHasACase() {
    long arguments = CONTEXTS.keySet().stream().flatMap(schema -> schema.settings().stream())
        .filter(s -> s.unsupported() == null)
        .mapToLong(s -> s.positional().size() + s.keywords().size())
        .sum();

    assertThat(cases().count()).isEqualTo(arguments);
  }
}
