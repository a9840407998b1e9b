package io.cul8er.release;

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

  /** What {@link ReleaseCommands#detectInit()} prints for it. */
  public String probeAnswer() {
    return probeAnswer;
  }
}
