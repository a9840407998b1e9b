package io.cul8er.dsl;

import io.cul8er.model.HealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code healthcheck do endpoint "..." | tcp port: n | command "..."; interval ...; ... end}. */
final class HealthCheckReader {
  private static final List<String> PROBES = List.of("endpoint", "tcp", "command");
  private final Diagnostics diagnostics;
  private HealthCheck.Probe probe;
  private String probeSetting;
  private Optional<Checked> expectStatus = Optional.empty();
  private Duration interval = HealthCheck.DEFAULT_INTERVAL;
  private Duration timeout = HealthCheck.DEFAULT_TIMEOUT;
  private int retries = HealthCheck.DEFAULT_RETRIES;
  private Duration grace = Defaults.START_GRACE;

  HealthCheckReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  Optional<HealthCheck> read(Checked block) {
    Set<String> attempted = Schemas.HEALTHCHECK.read(block.body(), diagnostics, this::setting);
    if (probe == null) {
      if (block.call().block().isEmpty() || PROBES.stream().anyMatch(attempted::contains)) {
        return Optional.empty();
      }
      diagnostics.error(block.pos(), "`healthcheck` needs a probe: `endpoint`, `tcp` or `command`",
          "write `endpoint \"http://localhost:4000/health\"`");
      return Optional.empty();
    }
    if (expectStatus.isPresent()) {
      if (probe instanceof HealthCheck.Probe.Http http) {
        probe = new HealthCheck.Probe.Http(http.endpoint(), expectStatus.get().integerArg(0));
      } else {
        diagnostics.error(expectStatus.get().pos(), "`expect_status` applies to an `endpoint` probe, not to `"
            + probeSetting + "`", "remove it, or probe with `endpoint \"http://...\"`");
        return Optional.empty();
      }
    }
    return Optional.of(new HealthCheck(probe, interval, timeout, retries, grace, block.pos()));
  }

  private void setting(Checked c) {
    switch (c.name()) {
      case "endpoint" -> probe(c, new HealthCheck.Probe.Http(c.string(0), Defaults.EXPECT_STATUS));
      case "tcp" -> probe(c, new HealthCheck.Probe.Tcp(Checked.narrow(c.keywordInt("port").orElseThrow())));
      case "command" -> probe(c, new HealthCheck.Probe.Command(c.string(0)));
      case "expect_status" -> expectStatus = Optional.of(c);
      case "interval" -> Units.duration(c, diagnostics).ifPresent(d -> interval = d);
      case "timeout" -> Units.duration(c, diagnostics).ifPresent(d -> timeout = d);
      case "grace_period" -> Units.duration(c, diagnostics).ifPresent(d -> grace = d);
      default -> retries = c.integerArg(0);
    }
  }

  private void probe(Checked c, HealthCheck.Probe chosen) {
    if (probe != null) {
      diagnostics.error(c.pos(), "a health check has one probe: `" + c.name() + "` conflicts with `"
          + probeSetting + "`", "keep one of endpoint, tcp and command");
      return;
    }
    probe = chosen;
    probeSetting = c.name();
  }
}
