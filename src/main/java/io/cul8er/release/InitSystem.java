package io.cul8er.release;

import java.util.Optional;

/**
 * What keeps a release running inside an instance. The image's own init system is used where it
 * has one; images with busybox init (the project's local images) get an {@code inittab} respawn
 * entry, which busybox init re-reads on {@code SIGHUP}.
 */
public enum InitSystem {
  SYSTEMD("systemd"),
  OPENRC("openrc"),
  BUSYBOX("busybox");

  private final String probeAnswer;

  InitSystem(String probeAnswer) {
    this.probeAnswer = probeAnswer;
  }

  /** Reads the answer of {@link ReleaseCommands#detectInit()}. */
  public static Optional<InitSystem> fromProbe(String output) {
    String answer = output.strip();
    for (InitSystem init : values()) {
      if (init.probeAnswer.equals(answer)) {
        return Optional.of(init);
      }
    }
    return Optional.empty();
  }

  public String probeAnswer() {
    return probeAnswer;
  }
}
