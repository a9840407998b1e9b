package io.cul8er.dsl.ast;

import io.cul8er.model.SourcePos;

/** A node of the generic syntax tree. The parser knows no keywords; the analyzer does. */
public sealed interface Node permits Call, Block, Arg, Value {
  SourcePos pos();
}
