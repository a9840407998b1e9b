package io.cul8er.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.state.LockLoss;
import io.cul8er.state.StateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseKeeperTest {
  private static final UUID ID = UUID.fromString("5f0c3a52-8e8e-4f0a-9a34-0d5c2a4f1b11");
  private static final Lease LEASE = new Lease(Duration.ofSeconds(15), Duration.ofSeconds(5));

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<String> warnings = new ArrayList<>();
  private final LockLoss loss = new LockLoss();
  private final List<Optional<String>> answers = new ArrayList<>();

  private LeaseKeeper keeper() {
    return new LeaseKeeper(
        ID,
        "demo",
        LEASE,
        () -> {
          Optional<String> answer = answers.remove(0);
          if (answer.isPresent() && answer.get().startsWith("unreachable")) {
            throw new StateException(answer.get());
          }
          return answer;
        },
        loss,
        warnings::add,
        now::get);
  }

  private void advanceSeconds(long seconds) {
    now.addAndGet(Duration.ofSeconds(seconds).toNanos());
  }

  @Test
  void aRenewedLeaseKeepsBeatingQuietly() {
    LeaseKeeper keeper = keeper();
    answers.addAll(List.of(Optional.empty(), Optional.empty()));

    assertThat(keeper.beat()).isTrue();
    assertThat(keeper.beat()).isTrue();
    assertThat(warnings).isEmpty();
    assertThat(loss.reason()).isEmpty();
  }

  @Test
  void aLockFoundGoneIsReportedLostAndStopsTheBeat() {
    LeaseKeeper keeper = keeper();
    answers.add(Optional.of("this run lost the state lock " + ID + ": someone released it"));

    assertThat(keeper.beat()).isFalse();

    assertThat(loss.reason()).contains("this run lost the state lock " + ID + ": someone released it");
    assertThat(warnings)
        .containsExactly("cul8er: warning: this run lost the state lock " + ID + ": someone released it");
  }

  @Test
  void anUnreachableDatabaseWarnsUntilTheLeaseHasRunOutSinceTheLastRenewalThenLosesIt() {
    LeaseKeeper keeper = keeper();
    answers.addAll(
        List.of(
            Optional.empty(),
            Optional.of("unreachable: connection refused"),
            Optional.of("unreachable: connection refused"),
            Optional.of("unreachable: connection refused")));

    advanceSeconds(5);
    assertThat(keeper.beat()).as("renewed at 5 s").isTrue();
    advanceSeconds(5);
    assertThat(keeper.beat()).as("10 s: 5 s since the renewal").isTrue();
    advanceSeconds(5);
    assertThat(keeper.beat()).as("15 s: 10 s since the renewal").isTrue();
    assertThat(loss.reason()).isEmpty();
    advanceSeconds(5);
    assertThat(keeper.beat()).as("20 s: 15 s since the renewal").isFalse();

    assertThat(warnings)
        .containsExactly(
            "cul8er: warning: unreachable: connection refused; retrying in 5000 ms, 10000 ms before"
                + " the lease of the state lock of topology `demo` runs out",
            "cul8er: warning: unreachable: connection refused; retrying in 5000 ms, 5000 ms before"
                + " the lease of the state lock of topology `demo` runs out",
            "cul8er: warning: this run lost the state lock "
                + ID
                + ": its lease of 15000 ms ran out while it could not be renewed (unreachable:"
                + " connection refused)");
    assertThat(loss.reason()).hasValueSatisfying(r -> assertThat(warnings.get(2)).endsWith(r));
  }
}
