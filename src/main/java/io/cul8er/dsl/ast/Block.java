package io.cul8er.dsl.ast;

import io.cul8er.model.SourcePos;
import java.util.List;

/** The statements between {@code do} and {@code end}; {@code pos} is the {@code do}. */
public record Block(List<Call> statements, SourcePos pos, SourcePos endPos) implements Node {
  public Block {
    statements = List.copyOf(statements);
  }
}
