package io.cul8er.observe;

import static io.cul8er.observe.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Observability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotationTest {
  @TempDir Path dir;

  /** Each line of these events is 95 bytes: two fit in a 200-byte log, a third rotates it. */
  private static Event numbered(int n) {
    return new Event.InstanceEnabled(at(n), "prod", "web-" + (100 + n));
  }

  @Test
  void aFullLogRotatesKeepingTheNewestFilesAndIsReadAcrossThem() throws IOException {
    Path file = dir.resolve("events.jsonl");
    EventLog log = new EventLog(file, e -> true, new Observability.EventLogLimits(200, 2));
    assertThat(EventJson.write(numbered(1)).length() + 1).isEqualTo(95);

    IntStream.rangeClosed(1, 7).forEach(n -> log.accept(numbered(n)));

    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("events.jsonl", "events.jsonl.1", "events.jsonl.2", "events.jsonl.lock");
    }
    assertThat(Files.readAllLines(file)).hasSize(1);
    assertThat(EventLog.read(file)).containsExactly(numbered(3), numbered(4), numbered(5), numbered(6), numbered(7));
  }

  @Test
  void aFollowerReadsTheNewFileAfterARotation() throws IOException {
    Path file = dir.resolve("events.jsonl");
    EventLog log = new EventLog(file, e -> true, new Observability.EventLogLimits(200, 1));
    LineTail tail = new LineTail(file);
    List<String> seen = new java.util.ArrayList<>();
    log.accept(numbered(1));
    log.accept(numbered(2));
    tail.readCompleteLines(seen::add);

    log.accept(numbered(3));
    log.accept(numbered(4));
    tail.readCompleteLines(seen::add);

    assertThat(seen.stream().map(EventJson::read).toList())
        .containsExactly(numbered(1), numbered(2), numbered(3), numbered(4));
  }
}
