package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.model.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One Incus connection per host, opened on first use and reused for the whole run. */
public final class Connections implements AutoCloseable {
  private final HostConnector connector;
  private final Map<String, IncusApi> open = new ConcurrentHashMap<>();

  public Connections(HostConnector connector) {
    this.connector = connector;
  }

  public IncusApi of(Host host) {
    return open.computeIfAbsent(host.name(), name -> connector.connect(host));
  }

  /** API requests made so far over every connection. */
  public long requestCount() {
    return open.values().stream().mapToLong(IncusApi::requestCount).sum();
  }

  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (IncusApi api : open.values()) {
      if (api instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          failures.add(new IllegalStateException("closing " + api, e));
        }
      }
    }
    open.clear();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
