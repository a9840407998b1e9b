package io.cul8er.model;

import java.time.Duration;

/** Blue-green settings: how long the old set is kept for an instant switch back. */
public record BlueGreen(Duration keepOld, SourcePos pos) implements Positioned {
  public static BlueGreen defaults() {
    return new BlueGreen(Duration.ofMinutes(10), SourcePos.NONE);
  }
}
