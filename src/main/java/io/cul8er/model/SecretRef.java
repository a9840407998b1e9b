package io.cul8er.model;

/** Where a secret is read at deploy time. The value itself never enters the model. */
public sealed interface SecretRef extends Positioned {

  /** An environment variable of the deploying process ({@code from: :system, key: "X"}). */
  record FromEnv(String variable, SourcePos pos) implements SecretRef {}

  /** A file on the deploying machine ({@code from: :file, path: "..."}). */
  record FromFile(String path, SourcePos pos) implements SecretRef {}
}
