package io.cul8er.dsl.builder;

import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;

/** Secret references for the builder: {@code Secrets.env("RELEASE_COOKIE")}. */
public final class Secrets {
  private Secrets() {}

  /** An environment variable of the deploying process ({@code from: :system, key: ...}). */
  public static SecretRef env(String variable) {
    return new SecretRef.FromEnv(variable, SourcePos.NONE);
  }

  /** A file on the deploying machine ({@code from: :file, path: ...}). */
  public static SecretRef file(String path) {
    return new SecretRef.FromFile(path, SourcePos.NONE);
  }
}
