package io.cul8er.model;

import java.util.Optional;

/** Strategy layer: how updates roll out. */
public record Strategy(
    Approach approach,
    int batchSize,
    Optional<HealthCheck> healthcheck,
    Rollback rollback,
    BlueGreen blueGreen,
    Canary canary,
    SourcePos pos)
    implements Positioned {

  public static Strategy defaults() {
    return new Strategy(
        Approach.ROLLING,
        1,
        Optional.empty(),
        Rollback.defaults(),
        BlueGreen.defaults(),
        Canary.defaults(),
        SourcePos.NONE);
  }
}
