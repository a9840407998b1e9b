package io.cul8er.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Image;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Limits;
import io.cul8er.model.Observability;
import io.cul8er.model.Resource;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class IncusLifecycleEventsTest {
  /** As `incus monitor --type=lifecycle --format=json` printed it (Incus 6.0). */
  static final String STARTED = "{\"location\":\"none\",\"metadata\":{\"action\":\"instance-started\","
      + "\"name\":\"prod-web-2\",\"project\":\"default\",\"requestor\":{\"address\":\"@\",\"protocol\":\"unix\","
      + "\"username\":\"root\"},\"source\":\"/1.0/instances/prod-web-2\"},\"project\":\"default\","
      + "\"timestamp\":\"2026-11-26T02:56:29.966686122Z\",\"type\":\"lifecycle\"}";

  private final Predicate<String> ours = IncusLifecycleEvents.instancesOf(topology());

  @Test
  void theTopologysInstancesAreItsRenderedNamesAndTheirSuffixedCopies() {
    assertThat(List.of("prod-web-1", "prod-web-2", "prod-db", "prod-web-1-green"))
        .allMatch(ours);
    assertThat(List.of("prod-web-3", "prod-web", "staging-web-1", "prod-dbx")).noneMatch(ours);
  }

  @Test
  void aLifecycleLineOfOneOfOurInstancesBecomesAnEvent() {
    assertThat(IncusLifecycleEvents.parse(STARTED, "prod", ours)).contains(new Event.IncusLifecycle(
        Instant.parse("2026-11-26T02:56:29.966686122Z"), "prod", "instance-started", "/1.0/instances/prod-web-2"));
  }

  @Test
  void otherLinesAreSkipped() {
    assertThat(IncusLifecycleEvents.parse("", "prod", ours)).isEmpty();
    assertThat(IncusLifecycleEvents.parse(STARTED.replace("prod-web-2", "other-1"), "prod", ours)).isEmpty();
    assertThat(IncusLifecycleEvents.parse(STARTED.replace("\"type\":\"lifecycle\"", "\"type\":\"logging\""), "prod", ours))
        .isEmpty();
    assertThatThrownBy(() -> IncusLifecycleEvents.parse("{oops", "prod", ours))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an Incus event: ");
    assertThatThrownBy(() -> IncusLifecycleEvents.parse(STARTED.replace("2026-11-26T02:56:29.966686122Z", "yesterday"),
        "prod", ours)).hasMessage("Incus event timestamp `yesterday` is not an instant");
  }

  @Test
  void theMonitorHandsEachParsedLineToTheSinkAndReportsBadOnes() throws InterruptedException {
    List<Event> seen = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<String> command = List.of("sh", "-c", "printf '%s\\n\\n{bad\\n' '" + STARTED + "'");

    try (IncusMonitor monitor = IncusMonitor.start(command, line -> IncusLifecycleEvents.parse(line, "prod", ours),
        seen::add, e -> failures.add(e.getMessage()))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while ((seen.isEmpty() || failures.isEmpty()) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }

    assertThat(seen).extracting(Event::type).containsExactly("incus_lifecycle");
    assertThat(failures).hasSize(1).first().asString().startsWith("not an Incus event: ");
  }

  @Test
  void aMonitorThatCannotStartSaysWhat() {
    assertThatThrownBy(() -> IncusMonitor.start(List.of("/nonexistent/incus", "monitor"), line -> Optional.empty(),
        e -> {}, e -> {}))
        .hasMessageStartingWith("cannot start `/nonexistent/incus monitor` to follow Incus's events: ");
  }

  private static Topology topology() {
    return new Topology("prod", List.of(), List.of(resource("web", 2), resource("db", 1)), List.of(), null,
        Observability.all(), StateBackend.defaultFile(), SourcePos.NONE);
  }

  private static Resource resource(String name, int replicas) {
    return new Resource(name, InstanceType.CONTAINER, List.of("local"), replicas, Optional.of(Image.parse("cul8er/busybox")),
        new Limits(Optional.empty(), Optional.empty(), SourcePos.NONE), List.of(), List.of(), List.of(), List.of(),
        Optional.empty(), SourcePos.NONE);
  }
}
