package io.cul8er.dsl;

import io.cul8er.dsl.ast.Call;
import io.cul8er.model.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point of the language: reads topology files (lexer, parser, analyzer) and validates the
 * topologies they define, together. Never throws on bad input: every problem is a diagnostic.
 */
public final class Dsl {
  /** Files larger than this are refused before they are read. */
  public static final int MAX_FILE_BYTES = SourceText.MAX_BYTES;

  public static final int MAX_NESTING = Parser.MAX_DEPTH;

  private Dsl() {}

  public static ParseResult parse(List<Path> files) {
    Diagnostics diagnostics = new Diagnostics();
    Origins origins = new Origins();
    Map<String, String> sources = new LinkedHashMap<>();
    List<Topology> topologies = new ArrayList<>();
    for (Path file : files) {
      SourceText.read(file, diagnostics).ifPresent(text -> {
        sources.put(file.toString(), text);
        topologies.addAll(analyze(file.toString(), text, diagnostics, origins));
      });
    }
    Validator.validate(topologies, diagnostics, origins);
    return new ParseResult(topologies, diagnostics.list(), sources);
  }

  public static ParseResult parse(String fileName, String text) {
    Diagnostics diagnostics = new Diagnostics();
    Origins origins = new Origins();
    Optional<String> checked = SourceText.check(fileName, text, diagnostics);
    List<Topology> topologies = checked.map(t -> analyze(fileName, t, diagnostics, origins)).orElse(List.of());
    Validator.validate(topologies, diagnostics, origins);
    return new ParseResult(topologies, diagnostics.list(), Map.of(fileName, text));
  }

  private static List<Topology> analyze(String fileName, String text, Diagnostics diagnostics, Origins origins) {
    List<Call> calls = Parser.parse(Lexer.tokenize(fileName, text, diagnostics), diagnostics);
    return Analyzer.analyze(calls, diagnostics, origins);
  }
}
