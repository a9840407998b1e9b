package io.cul8er.release;

import io.cul8er.model.ObservedRelease;
import java.util.Optional;

/** Reads what {@link ReleaseCommands#probe} printed. Pure. */
public final class ProbeAnswer {
  private ProbeAnswer() {}

  public static ObservedRelease read(ReleaseLayout layout, String output) {
    Optional<String> linked = Optional.empty();
    boolean running = false;
    Optional<String> cwd = Optional.empty();
    for (String line : output.lines().toList()) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1).strip();
      switch (key) {
        case "linked" -> linked = value.isEmpty() ? Optional.empty() : Optional.of(value);
        case "running" -> running = value.equals("yes");
        case "cwd" -> cwd = versionOf(layout, value);
        default -> { }
      }
    }
    return new ObservedRelease(layout.name(), linked, running, running ? cwd : Optional.empty());
  }

  /** {@code /opt/cul8er/NAME/releases/1.1.0/bin} gives {@code 1.1.0}; another directory gives nothing. */
  static Optional<String> versionOf(ReleaseLayout layout, String directory) {
    String prefix = layout.home() + "/releases/";
    if (!directory.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = directory.substring(prefix.length());
    int slash = rest.indexOf('/');
    String version = slash < 0 ? rest : rest.substring(0, slash);
    return version.isEmpty() ? Optional.empty() : Optional.of(version);
  }
}
