package io.cul8er.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The user's application release installed in an instance. {@code artifact} is a path pattern in
 * which {@code {name}} and {@code {version}} are replaced; {@code start} is the command that runs
 * it, defaulting per runtime; {@code hooks} what runs in one instance around a new version's rollout.
 */
public record Release(
    String name,
    String version,
    Runtime runtime,
    Optional<String> artifact,
    Optional<String> start,
    ReleaseHooks hooks,
    SourcePos pos)
    implements Positioned {

  public Release {
    Objects.requireNonNull(hooks, "hooks");
  }

  /** A release without hooks. */
  public Release(String name, String version, Runtime runtime, Optional<String> artifact, Optional<String> start,
      SourcePos pos) {
    this(name, version, runtime, artifact, start, ReleaseHooks.NONE, pos);
  }

  /** This release at {@code version}, its artifact found as before. */
  public Release withVersion(String version) {
    return withVersion(version, artifact);
  }

  /** This release at {@code version}, its artifact at {@code artifact} (a path pattern). */
  public Release withVersion(String version, Optional<String> artifact) {
    return new Release(name, version, runtime, artifact, start, hooks, pos);
  }
}
