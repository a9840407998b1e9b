package io.cul8er.observe;

import static io.cul8er.observe.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBusTest {
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final EventBus bus = new EventBus((event, e) -> failures.add(event.type() + ": " + e.getMessage()));

  @Test
  void subscribersGetEveryEventInPublishOrder() {
    List<Event> first = new ArrayList<>();
    List<Event> second = new ArrayList<>();
    bus.subscribe(first::add);
    bus.subscribe(second::add);

    Events.everyType().forEach(bus::publish);

    assertThat(first).containsExactlyElementsOf(Events.everyType());
    assertThat(second).containsExactlyElementsOf(Events.everyType());
  }

  @Test
  void aFailingSubscriberBreaksNeitherThePublisherNorTheOthers() {
    List<Event> received = new ArrayList<>();
    bus.subscribe(event -> {
      throw new IllegalStateException("disk full");
    });
    bus.subscribe(received::add);
    Event event = new Event.InstanceEnabled(at(0), "prod", "web-1");

    bus.publish(event);
    bus.publish(event);

    assertThat(received).containsExactly(event, event);
    assertThat(failures).containsExactly("instance_enabled: disk full", "instance_enabled: disk full");
  }

  @Test
  void aFailingFailureHandlerIsContainedToo() {
    EventBus strict = new EventBus((event, e) -> {
      throw new IllegalStateException("handler broke");
    });
    List<Event> received = new ArrayList<>();
    strict.subscribe(event -> {
      throw new IllegalStateException("subscriber broke");
    });
    strict.subscribe(received::add);

    strict.publish(new Event.InstanceEnabled(at(0), "prod", "web-1"));

    assertThat(received).hasSize(1);
  }

  @Test
  void aClosedSubscriptionGetsNothingMore() {
    List<Event> received = new ArrayList<>();
    EventBus.Subscription subscription = bus.subscribe(received::add);
    bus.publish(new Event.InstanceEnabled(at(0), "prod", "web-1"));

    subscription.close();
    bus.publish(new Event.InstanceEnabled(at(1), "prod", "web-2"));

    assertThat(received).extracting(e -> ((Event.InstanceEnabled) e).instance()).containsExactly("web-1");
  }

  @Test
  void subscribersAgreeOnOneOrderWhenManyThreadsPublish() throws InterruptedException {
    List<Event> first = Collections.synchronizedList(new ArrayList<>());
    List<Event> second = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(first::add);
    bus.subscribe(second::add);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    for (int thread = 0; thread < 4; thread++) {
      int t = thread;
      pool.execute(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 250; i++) {
          bus.publish(new Event.InstanceEnabled(at(i), "prod", "web-" + t));
        }
      });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(first).hasSize(1000).containsExactlyElementsOf(second);
  }
}
