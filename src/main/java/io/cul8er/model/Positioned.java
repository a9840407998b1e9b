package io.cul8er.model;

/** Every model element remembers where it was written. */
public interface Positioned {
  SourcePos pos();
}
