package io.cul8er.dsl.ast;

import io.cul8er.model.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code name arg, arg, key: value do ... end}: every statement of the language. Examples: {@code
 * topology :prod do ... end}, {@code batch_size 1}, {@code cpu cores: 2}, {@code use CUL8er}.
 */
public record Call(String name, List<Arg> args, Optional<Block> block, SourcePos pos)
    implements Node {
  public Call {
    args = List.copyOf(args);
  }

  public List<Arg.Positional> positional() {
    List<Arg.Positional> positional = new ArrayList<>(args.size());
    for (Arg arg : args) {
      if (arg instanceof Arg.Positional p) {
        positional.add(p);
      }
    }
    return positional;
  }

  public List<Arg.Keyword> keywords() {
    List<Arg.Keyword> keywords = new ArrayList<>(args.size());
    for (Arg arg : args) {
      if (arg instanceof Arg.Keyword k) {
        keywords.add(k);
      }
    }
    return keywords;
  }
}
