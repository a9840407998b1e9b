package io.cul8er;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.engine.ApplyResult;
import io.cul8er.engine.PlanResult;
import io.cul8er.engine.StatusReport;
import io.cul8er.incus.IncusClient;
import io.cul8er.incus.api.Instance;
import io.cul8er.incus.http.LocalIncus;
import io.cul8er.model.RecordedInstance;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventBus;
import io.cul8er.plan.Action;
import io.cul8er.plan.Change;
import io.cul8er.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The Java API, {@code CUL8er.load(path).topology(name)}, through every verb against the live Incus. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JavaApiIT {
  private static final String NAME = "api" + UUID.randomUUID().toString().substring(0, 6);

  @TempDir static Path dir;
  static Deployment deployment;

  @BeforeAll
  static void load() throws IOException {
    Path file = Files.writeString(dir.resolve(NAME + ".cul8"), """
        topology :%s do
          host :local do
            address "localhost"
            platform :debian
          end

          resource :web, type: :container, on: :local do
            from_image "cul8er/busybox"
            limits do
              memory megabytes: 48
            end
          end

          resource :worker, type: :container, on: :local do
            from_image "cul8er/busybox"
            replicas 2
            env "ROLE", "worker"
          end
        end
        """.formatted(NAME));
    deployment = CUL8er.load(file).topology(NAME);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    try {
      deployment.destroy();
    } finally {
      deployment.close();
      for (String leftover : instances()) {
        new ProcessBuilder("incus", "delete", "-f", leftover).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  @Order(1)
  void planOfTheNewTopologyCreatesEveryInstanceAndChangesNothing() {
    PlanResult planned = deployment.plan();

    Plan plan = planned.plan();
    assertThat(plan.topology()).isEqualTo(NAME);
    assertThat(plan.changes()).extracting(Change::action, Change::instance).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Action.CREATE, NAME + "-web"),
        org.assertj.core.groups.Tuple.tuple(Action.CREATE, NAME + "-worker-1"),
        org.assertj.core.groups.Tuple.tuple(Action.CREATE, NAME + "-worker-2"));
    assertThat(plan.summary()).isEqualTo(new Plan.Summary(3, 0, 0, 0, 0, 0));
    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(instances()).isEmpty();
  }

  @Test
  @Order(2)
  void applyCreatesTheInstancesAndRecordsThem() {
    List<Event> events = new CopyOnWriteArrayList<>();
    ApplyResult applied;
    try (EventBus.Subscription subscription = deployment.events(events::add)) {
      applied = deployment.apply();
    }

    assertThat(events).extracting(Event::type).containsExactly("deploy_started", "deploy_finished");
    assertThat(((Event.DeployFinished) events.get(1)).outcome()).isEqualTo("succeeded");

    assertThat(applied.outcome()).as(applied.failures().toString()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(applied.failures()).isEmpty();
    assertThat(applied.state().instances()).extracting(RecordedInstance::instanceName)
        .containsExactlyInAnyOrder(NAME + "-web", NAME + "-worker-1", NAME + "-worker-2");
    assertThat(deployment.state().read().orElseThrow().instances()).hasSize(3);
    assertThat(instances()).containsExactly(NAME + "-web", NAME + "-worker-1", NAME + "-worker-2");
    assertThat(deployment.plan().plan().hasChanges()).isFalse();
  }

  @Test
  @Order(3)
  void statusShowsEveryInstanceRunningWithItsAddressAndLimits() {
    StatusReport status = deployment.status();

    assertThat(status.topology()).isEqualTo(NAME);
    assertThat(status.unreachable()).isEmpty();
    assertThat(status.hasDrift()).isFalse();
    assertThat(status.instances()).extracting(StatusReport.Row::instance)
        .containsExactlyInAnyOrder(NAME + "-web", NAME + "-worker-1", NAME + "-worker-2");
    for (StatusReport.Row row : status.instances()) {
      assertThat(row.actual()).as(row.instance()).isEqualTo("Running");
      assertThat(row.address()).as(row.instance()).hasValueSatisfying(a -> assertThat(a).startsWith("10.147.0."));
    }
    assertThat(status.instances()).filteredOn(r -> r.resource().equals("web")).singleElement()
        .satisfies(web -> assertThat(web.memoryBytes()).hasValue(String.valueOf(48L << 20)));
  }

  @Test
  @Order(4)
  void destroyDeletesEveryInstanceAndEmptiesTheState() {
    ApplyResult destroyed = deployment.destroy();

    assertThat(destroyed.outcome()).as(destroyed.failures().toString()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(destroyed.plan().summary()).isEqualTo(new Plan.Summary(0, 0, 0, 3, 0, 0));
    assertThat(destroyed.state().instances()).isEmpty();
    assertThat(instances()).isEmpty();
  }

  /** The names of the live instances of this topology's prefix, sorted. */
  private static List<String> instances() {
    try (IncusClient incus = LocalIncus.client()) {
      return incus.listInstancesWithoutState().stream().map(Instance::name)
          .filter(n -> n.startsWith(NAME + "-")).sorted().toList();
    }
  }
}
