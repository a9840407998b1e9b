package io.cul8er.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the dashboard pushes to its viewers: events (the last {@link #RECENT} kept, so that a new
 * viewer sees them and one that reconnects gets what it missed, by {@code Last-Event-ID}) and
 * states (the fleet, the traffic, the history: only the latest of each kind is kept, and a new
 * viewer gets it first). At most {@link #MAX_VIEWERS} viewers at a time; one that falls {@link
 * #QUEUE} messages behind is dropped (its browser reconnects).
 */
final class EventStream {
  static final int RECENT = 100;
  static final int MAX_VIEWERS = 16;
  static final int QUEUE = 512;
  static final String EVENT = "event";

  record Message(long id, String event, String data) {
    String frame() {
      return ServerSentEvents.frame(id, event, data);
    }
  }

  private final Deque<Message> recent = new ArrayDeque<>();
  private final Map<String, Message> states = new LinkedHashMap<>();
  private final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();
  private long lastId;

  synchronized void publishEvent(String data) {
    Message message = new Message(++lastId, EVENT, data);
    recent.addLast(message);
    while (recent.size() > RECENT) {
      recent.removeFirst();
    }
    viewers.forEach(v -> v.offer(message));
  }

  synchronized void publishState(String kind, String data) {
    Message message = new Message(++lastId, kind, data);
    states.put(kind, message);
    viewers.forEach(v -> v.offer(message));
  }

  synchronized Optional<String> state(String kind) {
    return Optional.ofNullable(states.get(kind)).map(Message::data);
  }

  /**
   * A new viewer, given the latest states and then the kept events after {@code lastSeen} (all of
   * them for 0); empty when {@link #MAX_VIEWERS} are watching.
   */
  synchronized Optional<Viewer> subscribe(long lastSeen) {
    if (viewers.size() >= MAX_VIEWERS) {
      return Optional.empty();
    }
    Viewer viewer = new Viewer();
    states.values().forEach(viewer::offer);
    recent.stream().filter(m -> m.id() > lastSeen).forEach(viewer::offer);
    viewers.add(viewer);
    return Optional.of(viewer);
  }

  int viewers() {
    return viewers.size();
  }

  /** One viewer's queue of messages. Close it when its connection ends. */
  final class Viewer implements AutoCloseable {
    private final BlockingQueue<Message> queue = new ArrayBlockingQueue<>(QUEUE);
    private volatile boolean behind;

    private void offer(Message message) {
      if (!queue.offer(message)) {
        behind = true;
      }
    }

    /** The next message, or empty after {@code millis} without one. */
    Optional<Message> next(long millis) throws InterruptedException {
      return Optional.ofNullable(queue.poll(millis, TimeUnit.MILLISECONDS));
    }

    /** Whether it fell so far behind that messages were lost: its connection should end. */
    boolean behind() {
      return behind;
    }

    @Override
    public void close() {
      viewers.remove(this);
    }
  }
}
