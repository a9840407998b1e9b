package io.cul8er.dsl.ast;

import io.cul8er.model.SourcePos;
import java.util.List;

/** A literal value. */
public sealed interface Value extends Node {

  /** A short noun for error messages: "an atom", "a string", ... */
  String describe();

  record Atom(String name, SourcePos pos) implements Value {
    public String describe() {
      return "an atom";
    }
  }

  record Str(String value, SourcePos pos) implements Value {
    public String describe() {
      return "a string";
    }
  }

  record Int(long value, SourcePos pos) implements Value {
    public String describe() {
      return "an integer";
    }
  }

  record Float(double value, SourcePos pos) implements Value {
    public String describe() {
      return "a number";
    }
  }

  record Bool(boolean value, SourcePos pos) implements Value {
    public String describe() {
      return "a boolean";
    }
  }

  record Nil(SourcePos pos) implements Value {
    public String describe() {
      return "nil";
    }
  }

  /** A dotted alias such as {@code Cluster.Strategy.Epmd} or {@code CUL8er}. */
  record Alias(String name, SourcePos pos) implements Value {
    public String describe() {
      return "a module name";
    }
  }

  /** {@code [a, b]}; a keyword list {@code [port: 1]} holds {@link KeywordPair} items. */
  record ListOf(List<Value> items, SourcePos pos) implements Value {
    public ListOf {
      items = List.copyOf(items);
    }

    public String describe() {
      return "a list";
    }
  }

  /** One {@code key: value} inside a list literal. */
  record KeywordPair(String key, Value value, SourcePos pos) implements Value {
    public String describe() {
      return "a keyword pair";
    }
  }
}
