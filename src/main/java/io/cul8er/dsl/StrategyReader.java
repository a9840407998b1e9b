package io.cul8er.dsl;

import io.cul8er.model.Approach;
import io.cul8er.model.BlueGreen;
import io.cul8er.model.Canary;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Rollback;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Strategy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code strategy do approach ...; healthcheck do ... end; rollback do ... end ... end}. */
final class StrategyReader {
  private final Diagnostics diagnostics;
  private final Origins origins;
  private Approach approach;
  private int batchSize;
  private Optional<HealthCheck> healthcheck = Optional.empty();
  private Rollback rollback;
  private BlueGreen blueGreen;
  private Canary canary;

  private StrategyReader(Diagnostics diagnostics, Origins origins, SourcePos pos) {
    this.diagnostics = diagnostics;
    this.origins = origins;
    Strategy d = Defaults.strategy(pos);
    approach = d.approach();
    batchSize = d.batchSize();
    rollback = d.rollback();
    blueGreen = d.blueGreen();
    canary = d.canary();
  }

  static Strategy read(Checked strategy, Diagnostics diagnostics, Origins origins) {
    StrategyReader reader = new StrategyReader(diagnostics, origins, strategy.pos());
    Map<String, SourcePos> written = new HashMap<>();
    Schemas.STRATEGY.read(strategy.body(), diagnostics, c -> {
      written.put(c.name(), c.pos());
      reader.setting(c);
    });
    Strategy read = new Strategy(reader.approach, reader.batchSize, reader.healthcheck, reader.rollback,
        reader.blueGreen, reader.canary, strategy.pos());
    written.forEach((setting, pos) -> origins.record(read, setting, pos));
    return read;
  }

  private void setting(Checked c) {
    switch (c.name()) {
      case "approach" -> Choices.APPROACH.read(c.arg(0), diagnostics).ifPresent(a -> approach = a);
      case "batch_size" -> batchSize = c.integerArg(0);
      case "healthcheck" -> healthcheck = new HealthCheckReader(diagnostics).read(c);
      case "rollback" -> rollback(c);
      case "blue_green" -> {
        blueGreen = Defaults.blueGreen(c.pos());
        Schemas.BLUE_GREEN.read(c.body(), diagnostics, k ->
            Units.duration(k, diagnostics).ifPresent(d -> blueGreen = new BlueGreen(d, c.pos())));
      }
      case "canary" -> canary(c);
      default -> throw new IllegalStateException("no reader for strategy setting " + c.name());
    }
  }

  private void rollback(Checked block) {
    Rollback d = Defaults.rollback(block.pos());
    boolean[] automatic = {d.automatic()};
    boolean[] snapshot = {d.snapshot()};
    int[] retain = {d.retain()};
    Schemas.ROLLBACK.read(block.body(), diagnostics, c -> {
      switch (c.name()) {
        case "on_failure" -> Choices.AUTOMATIC.read(c.arg(0), diagnostics).ifPresent(a -> automatic[0] = a);
        case "snapshot" -> snapshot[0] = ((io.cul8er.dsl.ast.Value.Bool) c.arg(0)).value();
        default -> retain[0] = c.integerArg(0);
      }
    });
    rollback = new Rollback(automatic[0], snapshot[0], retain[0], block.pos());
  }

  private void canary(Checked block) {
    Canary d = Canary.defaults();
    var instances = new int[] {d.instances()};
    var steps = new java.util.ArrayList<>(d.steps());
    var pause = new Duration[] {d.pause()};
    var errorRate = new double[] {d.maxErrorRatePercent()};
    var promote = new boolean[] {d.autoPromote()};
    var minRequests = new int[] {d.minRequests()};
    var maxWait = new Duration[] {d.maxWait().orElse(null)};
    Map<String, SourcePos> written = new HashMap<>(); // where a value the validator may refuse was written
    Schemas.CANARY.read(block.body(), diagnostics, c -> {
      switch (c.name()) {
        case "instances" -> instances[0] = c.integerArg(0);
        case "steps" -> {
          steps.clear();
          Checked.integers(c.arg(0)).forEach(s -> steps.add(Checked.narrow(s)));
        }
        case "pause" -> Units.duration(c, diagnostics).ifPresent(p -> pause[0] = p);
        case "max_error_rate" -> errorRate[0] = Checked.number(c.keyword("percent").orElseThrow());
        case "min_requests" -> {
          minRequests[0] = c.integerArg(0);
          written.put("min_requests", c.arg(0).pos());
        }
        case "max_wait" -> {
          Units.duration(c, diagnostics).ifPresent(w -> maxWait[0] = w);
          written.put("max_wait", c.onlyKeyword().value().pos());
        }
        default -> Choices.AUTOMATIC.read(c.arg(0), diagnostics).ifPresent(a -> promote[0] = a);
      }
    });
    canary = new Canary(instances[0], steps, pause[0], errorRate[0], promote[0], minRequests[0], Optional.ofNullable(maxWait[0]),
        block.pos());
    written.forEach((setting, pos) -> origins.record(canary, setting, pos));
  }
}
