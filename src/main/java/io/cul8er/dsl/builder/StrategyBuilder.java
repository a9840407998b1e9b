package io.cul8er.dsl.builder;

import io.cul8er.dsl.Defaults;
import io.cul8er.model.Approach;
import io.cul8er.model.BlueGreen;
import io.cul8er.model.Canary;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Rollback;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** How updates roll out; starts from {@link Strategy#defaults()}. */
public final class StrategyBuilder {
  private final Strategy defaults = Strategy.defaults();
  private Approach approach = defaults.approach();
  private int batchSize = defaults.batchSize();
  private Optional<HealthCheck> healthcheck = Optional.empty();
  private Rollback rollback = defaults.rollback();
  private BlueGreen blueGreen = defaults.blueGreen();
  private Canary canary = defaults.canary();

  StrategyBuilder() {}

  public StrategyBuilder approach(Approach value) {
    approach = value;
    return this;
  }

  public StrategyBuilder batchSize(int value) {
    batchSize = value;
    return this;
  }

  public StrategyBuilder healthcheck(Consumer<HealthCheckBuilder> body) {
    HealthCheckBuilder builder = new HealthCheckBuilder();
    body.accept(builder);
    healthcheck = Optional.of(builder.build());
    return this;
  }

  public StrategyBuilder rollback(boolean automatic, boolean snapshot, int retain) {
    rollback = new Rollback(automatic, snapshot, retain, SourcePos.NONE);
    return this;
  }

  public StrategyBuilder blueGreen(Duration keepOld) {
    blueGreen = new BlueGreen(keepOld, SourcePos.NONE);
    return this;
  }

  /** A canary rollout with the default evidence rule (see {@link #canaryEvidence}). */
  public StrategyBuilder canary(int instances, List<Integer> steps, Duration pause, double maxErrorRatePercent,
      boolean autoPromote) {
    canary = new Canary(instances, steps, pause, maxErrorRatePercent, autoPromote, canary.minRequests(),
        canary.maxWait(), SourcePos.NONE);
    return this;
  }

  /**
   * How many responses a canary step needs before its error rate counts (0: no such rule), and the
   * longest it waits for them.
   */
  public StrategyBuilder canaryEvidence(int minRequests, Duration maxWait) {
    return canaryEvidence(minRequests, Optional.of(maxWait));
  }

  /** As {@link #canaryEvidence(int, Duration)}, waiting the default 5 pauses. */
  public StrategyBuilder canaryEvidence(int minRequests) {
    return canaryEvidence(minRequests, Optional.empty());
  }

  private StrategyBuilder canaryEvidence(int minRequests, Optional<Duration> maxWait) {
    canary = new Canary(canary.instances(), canary.steps(), canary.pause(), canary.maxErrorRatePercent(),
        canary.autoPromote(), minRequests, maxWait, SourcePos.NONE);
    return this;
  }

  Strategy build() {
    return new Strategy(approach, batchSize, healthcheck, rollback, blueGreen, canary, SourcePos.NONE);
  }

  /** One health check: a probe and its timing, with the DSL's defaults. */
  public static final class HealthCheckBuilder {
    private HealthCheck.Probe probe;
    private Duration interval = HealthCheck.DEFAULT_INTERVAL;
    private Duration timeout = HealthCheck.DEFAULT_TIMEOUT;
    private int retries = HealthCheck.DEFAULT_RETRIES;
    private Duration grace = Defaults.START_GRACE;

    HealthCheckBuilder() {}

    public HealthCheckBuilder http(String endpoint) {
      return http(endpoint, Defaults.EXPECT_STATUS);
    }

    public HealthCheckBuilder http(String endpoint, int expectStatus) {
      probe = new HealthCheck.Probe.Http(endpoint, expectStatus);
      return this;
    }

    public HealthCheckBuilder tcp(int port) {
      probe = new HealthCheck.Probe.Tcp(port);
      return this;
    }

    public HealthCheckBuilder command(String command) {
      probe = new HealthCheck.Probe.Command(command);
      return this;
    }

    public HealthCheckBuilder interval(Duration value) {
      interval = value;
      return this;
    }

    public HealthCheckBuilder timeout(Duration value) {
      timeout = value;
      return this;
    }

    public HealthCheckBuilder retries(int value) {
      retries = value;
      return this;
    }

    public HealthCheckBuilder gracePeriod(Duration value) {
      grace = value;
      return this;
    }

    HealthCheck build() {
      if (probe == null) {
        throw new IllegalStateException("a health check needs a probe: call http(), tcp() or command()");
      }
      return new HealthCheck(probe, interval, timeout, retries, grace, SourcePos.NONE);
    }
  }
}
