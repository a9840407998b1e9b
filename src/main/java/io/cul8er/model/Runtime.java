package io.cul8er.model;

/** The kind of application a release is. */
public enum Runtime {
  BEAM,
  JVM
}
