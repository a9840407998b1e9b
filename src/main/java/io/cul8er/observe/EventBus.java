package io.cul8er.observe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Typed publish/subscribe for {@link Event}s. Thread-safe. Delivery is synchronous and
 * serialised: every subscriber sees the events in one order, the order of publication, and sees
 * an event before {@link #publish} returns. A subscriber that throws is reported to the failure
 * handler and keeps its subscription; the publisher and the other subscribers go on.
 */
public final class EventBus {
  private final List<Consumer<? super Event>> subscribers = new CopyOnWriteArrayList<>();
  private final BiConsumer<Event, RuntimeException> onFailure;
  private final Object delivery = new Object();

  /** @param onFailure told of every subscriber failure, with the event it failed on */
  public EventBus(BiConsumer<Event, RuntimeException> onFailure) {
    this.onFailure = onFailure;
  }

  /** Delivers {@code event} to every subscriber, in subscription order. */
  public void publish(Event event) {
    synchronized (delivery) {
      for (Consumer<? super Event> subscriber : subscribers) {
        try {
          subscriber.accept(event);
        } catch (RuntimeException e) {
          report(event, e);
        }
      }
    }
  }

  /** Adds a subscriber; closing the returned subscription removes it. */
  public Subscription subscribe(Consumer<? super Event> subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  private void report(Event event, RuntimeException failure) {
    try {
      onFailure.accept(event, failure);
    } catch (RuntimeException ignored) {
      // A failing failure handler must not break the publisher either.
    }
  }

  /** A subscription; {@link #close()} unsubscribes. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
