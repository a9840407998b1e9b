package io.cul8er.engine;

import io.cul8er.plan.Step;
import io.cul8er.plan.Steps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs the steps of a plan: every host at once, the batches of a host in order, the instances of
 * a batch in parallel (bounded by {@link Workers}), the steps of an instance in order. The state
 * is written after each step that creates, changes or deletes an instance. A failed instance
 * stops only itself and the later batches of its host.
 */
final class Executor {

  private final Workers workers;
  private final Function<String, StepRunner> runners;
  private final StateRecorder recorder;
  private final ApplyListener listener;
  private final Cancellation cancellation;
  private final Clock clock;
  private final List<InstanceFailure> failures = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> ready = new ConcurrentHashMap<>();

  Executor(
      Workers workers,
      Function<String, StepRunner> runnersByHost,
      StateRecorder recorder,
      ApplyListener listener,
      Cancellation cancellation,
      Clock clock) {
    this.workers = workers;
    this.runners = runnersByHost;
    this.recorder = recorder;
    this.listener = listener;
    this.cancellation = cancellation;
    this.clock = clock;
  }

  List<InstanceFailure> run(Steps steps) throws InterruptedException {
    List<Thread> coordinators = new ArrayList<>();
    for (Steps.HostSchedule schedule : steps.hosts()) {
      Thread coordinator = new Thread(() -> runHost(schedule), "cul8er-host-" + schedule.host());
      coordinator.setDaemon(true);
      coordinator.start();
      coordinators.add(coordinator);
    }
    for (Thread coordinator : coordinators) {
      coordinator.join();
    }
    return List.copyOf(failures);
  }

  private void runHost(Steps.HostSchedule schedule) {
    String host = schedule.host();
    for (Steps.Batch batch : schedule.batches()) {
      List<Future<Boolean>> running = new ArrayList<>();
      for (Steps.Sequence sequence : batch.sequences()) {
        running.add(workers.submit(() -> runSequence(host, sequence)));
      }
      boolean batchOk = true;
      for (Future<Boolean> outcome : running) {
        batchOk &= await(outcome, host);
      }
      if (!batchOk) {
        skipRemaining(schedule, batch, "an earlier step on host " + host + " failed");
        return;
      }
    }
  }

  private boolean runSequence(String host, Steps.Sequence sequence) {
    StepRunner runner;
    try {
      runner = runners.apply(host);
    } catch (RuntimeException unreachable) {
      fail(host, sequence.instance(), sequence.steps().get(0), Refresher.reasonOf(unreachable));
      return false;
    }
    for (Step step : sequence.steps()) {
      if (cancellation.isCancelled()) {
        listener.on(new ApplyEvent.StepSkipped(host, sequence.instance(), step.describe(), cancellation.reason()));
        return false;
      }
      listener.on(new ApplyEvent.StepStarted(host, sequence.instance(), step.describe()));
      Instant started = clock.instant();
      try {
        runner.run(step, note -> listener.on(new ApplyEvent.Progress(host, sequence.instance(), note)))
            .ifPresent(address -> {
              ready.put(sequence.instance(), address);
              listener.on(new ApplyEvent.InstanceReady(host, sequence.instance(), address));
            });
        recordEffect(host, step);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(host, sequence.instance(), step, "interrupted");
        return false;
      } catch (RuntimeException e) {
        fail(host, sequence.instance(), step, Refresher.reasonOf(e));
        return false;
      }
      listener.on(new ApplyEvent.StepFinished(host, sequence.instance(), step.describe(),
          Duration.between(started, clock.instant())));
    }
    return true;
  }

  /** The address each instance that a step waited for was seen at, by instance name. */
  Map<String, String> addresses() {
    return Map.copyOf(ready);
  }

  private void recordEffect(String host, Step step) {
    if (step instanceof Step.CreateInstance create) {
      recorder.record(create.spec());
    } else if (step instanceof Step.UpdateInstance update) {
      recorder.record(update.spec());
    } else if (step instanceof Step.RecordInstance adopt) {
      recorder.record(adopt.spec());
    } else if (step instanceof Step.DeleteInstance delete) {
      recorder.forget(host, delete.instance());
    } else if (step instanceof Step.ForgetInstance forget) {
      recorder.forget(host, forget.instance());
    }
  }

  private void fail(String host, String instance, Step step, String reason) {
    failures.add(new InstanceFailure(host, instance, step.describe(), reason));
    listener.on(new ApplyEvent.StepFailed(host, instance, step.describe(), reason));
  }

  private boolean await(Future<Boolean> outcome, String host) {
    try {
      return outcome.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      failures.add(new InstanceFailure(host, "?", "?", Refresher.reasonOf(e.getCause())));
      return false;
    }
  }

  private void skipRemaining(Steps.HostSchedule schedule, Steps.Batch failed, String why) {
    boolean after = false;
    for (Steps.Batch batch : schedule.batches()) {
      if (after) {
        for (Steps.Sequence sequence : batch.sequences()) {
          for (Step step : sequence.steps()) {
            listener.on(new ApplyEvent.StepSkipped(schedule.host(), sequence.instance(), step.describe(), why));
          }
        }
      }
      after |= batch == failed;
    }
  }

}
