package io.cul8er.web;

import io.cul8er.observe.EdgeTraffic;
import io.cul8er.observe.Event;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Where a dashboard reads what it shows. The dashboard calls {@link #fleet} from one thread at a
 * time, {@link #follow} from one thread for its whole life, and {@link #metricsText} for each
 * scrape of {@code /metrics}.
 */
public interface DashboardSources {

  /** The fleet now and what every edge has counted for its instances. */
  Reading fleet();

  /**
   * Gives every event of the topology's log, oldest first, then each new one as it is written,
   * until {@code stop} says so or the thread is interrupted.
   */
  void follow(Consumer<Event> sink, BooleanSupplier stop);

  /**
   * The last {@code count} entries of the topology's audit log, oldest first; read with the fleet.
   * None by default, for a source that has no audit log.
   */
  default List<AuditLine> audit(int count) {
    return List.of();
  }

  /** The Prometheus text of the topology's metrics, computed afresh. */
  String metricsText();

  /** One reading of the fleet; {@code traffic} holds what the edges that answered counted. */
  record Reading(FleetView fleet, List<EdgeTraffic> traffic) {
    public Reading {
      traffic = List.copyOf(traffic);
    }
  }
}
