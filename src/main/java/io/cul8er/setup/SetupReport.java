package io.cul8er.setup;

import java.util.List;

/** What setup found and did on one host. */
public record SetupReport(String host, String via, List<Line> lines) {

  public enum Status { OK, CHANGED, MANUAL, FAILED }

  /** One thing checked or done: {@code detail} is the finding, the command run, or what to do. */
  public record Line(Status status, String what, String detail) {}

  public SetupReport {
    lines = List.copyOf(lines);
  }

  /** Ready for deploys: nothing failed and nothing is left to do by hand. */
  public boolean ready() {
    return lines.stream().allMatch(line -> line.status() == Status.OK || line.status() == Status.CHANGED);
  }

  public boolean changed() {
    return lines.stream().anyMatch(line -> line.status() == Status.CHANGED);
  }

  static SetupReport unreachable(String host, String via, String why) {
    return new SetupReport(host, via, List.of(new Line(Status.FAILED, "connect", why)));
  }
}
