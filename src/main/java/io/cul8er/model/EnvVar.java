package io.cul8er.model;

/** An environment variable of a resource: a plain value, or a secret read at deploy time. */
public sealed interface EnvVar extends Positioned {
  String name();

  record Plain(String name, String value, SourcePos pos) implements EnvVar {}

  record Secret(String name, SecretRef source, SourcePos pos) implements EnvVar {}
}
