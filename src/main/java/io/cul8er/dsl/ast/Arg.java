package io.cul8er.dsl.ast;

import io.cul8er.model.SourcePos;

/** An argument of a call: positional ({@code :web}) or keyword ({@code on: :server}). */
public sealed interface Arg extends Node {
  Value value();

  record Positional(Value value, SourcePos pos) implements Arg {}

  /** {@code pos} is the position of the key. */
  record Keyword(String key, Value value, SourcePos pos) implements Arg {}
}
