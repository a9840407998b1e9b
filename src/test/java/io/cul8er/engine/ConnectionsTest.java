package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.fake.FakeIncus;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionsTest {
  private static final Host SLOW = Fixtures.localHost("slow");
  /** A name that lands in SLOW's bin of a small ConcurrentHashMap, where a lock held while connecting would block it. */
  private static final Host FAST = Fixtures.localHost(sameBinAs("slow"));
  private static final Host DEAD = Fixtures.localHost("dead");

  private final ExecutorService callers = Executors.newFixedThreadPool(3);
  private final Map<String, AtomicInteger> connects = new ConcurrentHashMap<>();

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  private int connectsTo(Host host) {
    return connects.getOrDefault(host.name(), new AtomicInteger()).get();
  }

  private void counted(Host host) {
    connects.computeIfAbsent(host.name(), name -> new AtomicInteger()).incrementAndGet();
  }

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }
  }

  @Test
  void aHostStillConnectingHoldsUpNoOtherHostAndIsConnectedOnceForAllItsCallers() throws Exception {
    CountDownLatch slowConnecting = new CountDownLatch(1);
    CountDownLatch releaseSlow = new CountDownLatch(1);
    FakeIncus slowApi = new FakeIncus();
    FakeIncus fastApi = new FakeIncus();
    Connections connections = new Connections(host -> {
      counted(host);
      if (host == SLOW) {
        slowConnecting.countDown();
        await(releaseSlow);
        return slowApi;
      }
      return fastApi;
    });

    Future<IncusApi> first = callers.submit(() -> connections.of(SLOW));
    assertThat(slowConnecting.await(5, TimeUnit.SECONDS)).isTrue();
    Future<IncusApi> second = callers.submit(() -> connections.of(SLOW));

    assertThat(callers.submit(() -> connections.of(FAST)).get(5, TimeUnit.SECONDS)).isSameAs(fastApi);
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();

    releaseSlow.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS)).isSameAs(slowApi);
    assertThat(second.get(5, TimeUnit.SECONDS)).isSameAs(slowApi);
    assertThat(connectsTo(SLOW)).isEqualTo(1);
    assertThat(connectsTo(FAST)).isEqualTo(1);
  }

  @Test
  void aFailedConnectIsRememberedWithItsReasonThenTriedAgainOnceTheMemoryExpires() {
    HandClock clock = new HandClock();
    Connections connections = new Connections(host -> {
      counted(host);
      throw new Cul8erException("Tried to connect to dead over SSH, but nothing accepts connections (attempt "
          + connectsTo(host) + ")");
    }, clock);

    for (int call = 0; call < 3; call++) {
      assertThatThrownBy(() -> connections.of(DEAD)).isInstanceOf(Cul8erException.class)
          .hasMessage("Tried to connect to dead over SSH, but nothing accepts connections (attempt 1)");
    }
    assertThat(connectsTo(DEAD)).isEqualTo(1);

    clock.advance(Connections.FAILURE_MEMORY);
    assertThatThrownBy(() -> connections.of(DEAD)).hasMessageEndingWith("(attempt 1)");

    clock.advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> connections.of(DEAD)).hasMessageEndingWith("(attempt 2)");
    assertThat(connectsTo(DEAD)).isEqualTo(2);
  }

  @Test
  void countsTheRequestsOfEveryConnectedHostAndClosesThem() {
    FakeIncus api = new FakeIncus();
    AtomicInteger closed = new AtomicInteger();
    Connections connections = new Connections(host -> {
      if (host == DEAD) {
        throw new Cul8erException("no");
      }
      return host == SLOW ? closing(api, closed) : api;
    });
    connections.of(SLOW).listInstances();
    connections.of(FAST).listInstances();
    assertThatThrownBy(() -> connections.of(DEAD)).hasMessage("no");

    assertThat(connections.requestCount()).isEqualTo(2 * api.requestCount());
    connections.close();
    assertThat(closed).hasValue(1);
  }

  /** {@code api}, closed through {@link AutoCloseable} like the SSH and HTTPS clients. */
  private static IncusApi closing(FakeIncus api, AtomicInteger closed) {
    return (IncusApi) java.lang.reflect.Proxy.newProxyInstance(IncusApi.class.getClassLoader(),
        new Class<?>[] {IncusApi.class, AutoCloseable.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            closed.incrementAndGet();
            return null;
          }
          return method.invoke(api, args);
        });
  }

  private static String sameBinAs(String name) {
    for (int i = 0; ; i++) {
      String candidate = "fast" + i;
      if ((spread(candidate.hashCode()) & 15) == (spread(name.hashCode()) & 15)) {
        return candidate;
      }
    }
  }

  private static int spread(int hash) {
    return (hash ^ (hash >>> 16)) & 0x7fffffff;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the connect");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
