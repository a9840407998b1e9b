package io.cul8er.health;

import java.util.ArrayList;
import java.util.List;

final class RecordingListener implements HealthListener {
  final List<HealthEvent> events = new ArrayList<>();

  @Override
  public void on(HealthEvent event) {
    events.add(event);
  }
}
