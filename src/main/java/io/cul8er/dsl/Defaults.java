package io.cul8er.dsl;

import io.cul8er.model.Balance;
import io.cul8er.model.BlueGreen;
import io.cul8er.model.Canary;
import io.cul8er.model.Connection;
import io.cul8er.model.Discovery;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Limits;
import io.cul8er.model.Observability;
import io.cul8er.model.Protocol;
import io.cul8er.model.Rollback;
import io.cul8er.model.Runtime;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The values a topology gets for what it does not say. Shared by the DSL analyzer and the Java
 * builder so that both front ends give the same model. Strategy, observability and state defaults
 * live with their model records ({@code Strategy.defaults()} and so on).
 */
public final class Defaults {
  public static final String LOCAL_ADDRESS = "localhost";
  public static final InstanceType INSTANCE_TYPE = InstanceType.CONTAINER;
  public static final int REPLICAS = 1;
  public static final List<String> PROFILES = List.of("default");
  public static final Protocol PROTOCOL = Protocol.TCP;
  public static final Balance BALANCE = Balance.LOCAL_FIRST;
  public static final Runtime RUNTIME = Runtime.BEAM;
  public static final int FILE_MODE = 0644;
  public static final int FILE_UID = 0;
  public static final int FILE_GID = 0;
  public static final int EXPECT_STATUS = 200;
  public static final Duration START_GRACE = Duration.ZERO;
  public static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(60);
  public static final int HTTPS_PORT = 8443;
  public static final Discovery DISCOVERY = Discovery.EPMD;

  private Defaults() {}

  /** {@code localhost} is reached through the local Incus socket; any other address by SSH. */
  public static Connection connectionFor(String address, SourcePos pos) {
    if (LOCAL_ADDRESS.equals(address)) {
      return new Connection.LocalSocket(Connection.DEFAULT_SOCKET, pos);
    }
    return new Connection.Ssh(
        Optional.empty(), Optional.empty(), Optional.empty(), Connection.DEFAULT_SOCKET, pos);
  }

  /** {@link Strategy#defaults()}, with every part placed at {@code pos} (the enclosing block). */
  static Strategy strategy(SourcePos pos) {
    Strategy d = Strategy.defaults();
    return new Strategy(d.approach(), d.batchSize(), d.healthcheck(), rollback(pos), blueGreen(pos),
        canary(pos), pos);
  }

  static Rollback rollback(SourcePos pos) {
    Rollback d = Rollback.defaults();
    return new Rollback(d.automatic(), d.snapshot(), d.retain(), pos);
  }

  static BlueGreen blueGreen(SourcePos pos) {
    return new BlueGreen(BlueGreen.defaults().keepOld(), pos);
  }

  static Canary canary(SourcePos pos) {
    Canary d = Canary.defaults();
    return new Canary(d.instances(), d.steps(), d.pause(), d.maxErrorRatePercent(), d.autoPromote(), d.minRequests(),
        d.maxWait(), pos);
  }

  static Observability observability(SourcePos pos) {
    return new Observability(Observability.METRICS, Observability.EVENTS, pos);
  }

  static StateBackend state(SourcePos pos) {
    return new StateBackend.File(((StateBackend.File) StateBackend.defaultFile()).directory(), pos);
  }

  static Limits limits(SourcePos pos) {
    return new Limits(Optional.empty(), Optional.empty(), pos);
  }

  /** Instance port exposed on the same host port when {@code as:} is not given. */
  public static int exposedAs(int port) {
    return port;
  }
}
