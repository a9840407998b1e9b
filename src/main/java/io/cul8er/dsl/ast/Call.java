package io.cul8er.dsl.ast;

import io.cul8er.model.SourcePos;
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
    return args.stream()
        .filter(Arg.Positional.class::isInstance)
        .map(Arg.Positional.class::cast)
        .toList();
  }

  public List<Arg.Keyword> keywords() {
    return args.stream().filter(Arg.Keyword.class::isInstance).map(Arg.Keyword.class::cast).toList();
  }
}
