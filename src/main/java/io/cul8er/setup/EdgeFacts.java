package io.cul8er.setup;

import java.util.Optional;

/**
 * What the probe found of a host's edge ({@link EdgeService#probe}): where HAProxy is, the hash
 * of the installed {@code cul8er-edge} unit (empty when none), and whether the service runs.
 */
public record EdgeFacts(Optional<String> haproxy, String unitHash, boolean active) {

  /** Reads the {@code edge_*} lines of the probe's output. */
  public static EdgeFacts parse(String probeOutput) {
    String haproxy = "";
    String unit = "";
    boolean active = false;
    for (String line : probeOutput.lines().toList()) {
      if (line.startsWith("edge_haproxy=")) {
        haproxy = line.substring("edge_haproxy=".length()).trim();
      } else if (line.startsWith("edge_unit=")) {
        unit = line.substring("edge_unit=".length()).trim();
      } else if (line.equals("edge_active=yes")) {
        active = true;
      }
    }
    return new EdgeFacts(haproxy.isEmpty() ? Optional.empty() : Optional.of(haproxy), unit, active);
  }
}
