package io.cul8er.engine;

import io.cul8er.incus.EtagMismatchException;
import io.cul8er.incus.FilePushes;
import io.cul8er.incus.IncusApi;
import io.cul8er.incus.IncusException;
import io.cul8er.incus.IncusNotFoundException;
import io.cul8er.incus.OperationGoneException;
import io.cul8er.incus.api.FilePush;
import io.cul8er.incus.api.Instance;
import io.cul8er.incus.api.InstancePut;
import io.cul8er.incus.api.InstanceState;
import io.cul8er.incus.api.StateChange;
import io.cul8er.incus.api.WithEtag;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.FileSpec;
import io.cul8er.model.InstanceSpec;
import io.cul8er.plan.FileContents;
import io.cul8er.plan.ImageCopy;
import io.cul8er.plan.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Does one plan step against one host's Incus. */
final class StepRunner {
  private static final int ETAG_RETRIES = 3;

  private final IncusApi incus;
  private final Function<InstanceSpec, Map<String, String>> secretEnvironment;
  private final Duration readyTimeout;
  private final Clock clock;
  private final Function<String, IncusApi> imageSources;

  /** A runner that copies no image to its host. */
  StepRunner(
      IncusApi incus,
      Function<InstanceSpec, Map<String, String>> secretEnvironment,
      Duration readyTimeout,
      Clock clock) {
    this(incus, secretEnvironment, readyTimeout, clock, source -> {
      throw new Cul8erException("no image is copied to this host from " + source + " in this step");
    });
  }

  /** {@code imageSources} gives the Incus of a host, or of this machine, that an image is copied from. */
  StepRunner(
      IncusApi incus,
      Function<InstanceSpec, Map<String, String>> secretEnvironment,
      Duration readyTimeout,
      Clock clock,
      Function<String, IncusApi> imageSources) {
    this.incus = incus;
    this.secretEnvironment = secretEnvironment;
    this.readyTimeout = readyTimeout;
    this.clock = clock;
    this.imageSources = imageSources;
  }

  /** Runs {@code step}; returns the instance's address after a wait, else empty. */
  Optional<String> run(Step step) throws InterruptedException {
    return run(step, note -> {});
  }

  /** {@link #run(Step)}, telling {@code progress} how a long step (an image copy) goes. */
  Optional<String> run(Step step, Consumer<String> progress) throws InterruptedException {
    if (step instanceof Step.CopyImage copy) {
      copyImage(copy.copy(), progress);
    } else if (step instanceof Step.CreateInstance create) {
      InstanceSpec spec = create.spec();
      try {
        incus.createInstance(InstanceRequests.create(spec, secretEnvironment.apply(spec)));
      } catch (OperationGoneException outcomeUnknown) {
        if (incus.findInstance(spec.instanceName()).isEmpty()) {
          throw outcomeUnknown;
        }
      }
      pushFiles(spec, progress);
    } else if (step instanceof Step.UpdateInstance update) {
      update(update);
      pushFiles(update.spec(), progress);
    } else if (step instanceof Step.StartInstance start) {
      startUnlessRunning(start.instance());
    } else if (step instanceof Step.WaitRunning wait) {
      return Optional.of(awaitAddress(wait.instance()));
    } else if (step instanceof Step.DeleteInstance delete) {
      delete(delete.instance());
    }
    return Optional.empty();
  }

  private void copyImage(ImageCopy copy, Consumer<String> progress) {
    IncusApi source;
    try {
      source = imageSources.apply(copy.source());
    } catch (RuntimeException e) {
      throw new Cul8erException("cannot reach " + copy.source() + ", where the image is copied from: "
          + Refresher.reasonOf(e), e);
    }
    new ImageCopier(source, incus, clock, progress).copy(copy);
  }

  private static final java.util.Set<String> FROZEN = java.util.Set.of("Frozen", "Freezing");

  /** Thaws a frozen instance; when Incus refuses, stops it by force and starts it again. */
  private void thaw(String instance) throws InterruptedException {
    try {
      incus.changeState(instance, StateChange.unfreeze());
    } catch (IncusException refused) {
      // Incus may no longer know it froze it: only a forced stop ends the freeze.
    }
    if (!FROZEN.contains(incus.instanceState(instance).status())) {
      return;
    }
    whenNotBusy(() -> incus.changeState(instance, StateChange.forceStop()));
    whenNotBusy(() -> incus.changeState(instance, StateChange.start()));
  }

  /**
   * Stops the instance cleanly (its init shuts it down, 30 s at most), by force when that fails;
   * a stopped one is left alone.
   */
  void stop(String instance) throws InterruptedException {
    if ("Stopped".equals(incus.instanceState(instance).status())) {
      return;
    }
    try {
      whenNotBusy(() -> incus.changeState(instance, StateChange.stop(30)));
    } catch (IncusException refused) {
      if (!"Stopped".equals(incus.instanceState(instance).status())) {
        whenNotBusy(() -> incus.changeState(instance, StateChange.forceStop()));
      }
    }
  }

  /** Whether the instance is frozen, as an interrupted snapshot can leave it. */
  boolean frozen(String instance) {
    return FROZEN.contains(incus.instanceState(instance).status());
  }

  private void update(Step.UpdateInstance update) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      WithEtag<Instance> current =
          incus
              .findInstance(update.instance())
              .orElseThrow(() -> new Cul8erException(
                  "Tried to update " + update.instance() + ", but it no longer exists in Incus; run plan again"));
      InstancePut put =
          InstanceRequests.merge(
              current.value().toPut(),
              update.config(),
              update.devices(),
              update.profiles(),
              secretEnvironment.apply(update.spec()));
      try {
        whenNotBusy(() -> incus.updateInstance(update.instance(), put, current.etag()));
        return;
      } catch (EtagMismatchException raced) {
        if (attempt == ETAG_RETRIES) {
          throw raced;
        }
      }
    }
  }

  /**
   * Starts the instance unless it runs. One left frozen (a snapshot cut short by its daemon's
   * death freezes a container and leaves it so, where Incus may refuse to thaw it) is thawed, or
   * else stopped by force and started again.
   */
  void startUnlessRunning(String instance) throws InterruptedException {
    InstanceState state = incus.instanceState(instance);
    if (FROZEN.contains(state.status())) {
      thaw(instance);
      return;
    }
    if (!"Running".equals(state.status())) {
      try {
        whenNotBusy(() -> incus.changeState(instance, StateChange.start()));
      } catch (OperationGoneException outcomeUnknown) {
        // The wait for a running instance that follows tells whether the start worked.
      } catch (IncusException refused) {
        // A start left in flight by a killed apply may finish between our look and our call.
        if (!"Running".equals(incus.instanceState(instance).status())) {
          throw refused;
        }
      }
    }
  }

  /**
   * Runs {@code call}, retrying while Incus says the instance is busy with another operation,
   * e.g. a create left running by an apply that was killed.
   */
  private void whenNotBusy(Runnable call) throws InterruptedException {
    Instant deadline = clock.instant().plus(readyTimeout);
    long pause = 100;
    while (true) {
      try {
        call.run();
        return;
      } catch (IncusException e) {
        if (!e.isBusy() || clock.instant().isAfter(deadline)) {
          throw e;
        }
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 1000);
    }
  }

  private String awaitAddress(String instance) throws InterruptedException {
    Instant deadline = clock.instant().plus(readyTimeout);
    long pause = 25;
    while (true) {
      InstanceState state = incus.instanceState(instance);
      List<String> addresses = state.globalIpv4();
      if ("Running".equals(state.status()) && !addresses.isEmpty()) {
        return addresses.get(0);
      }
      if (clock.instant().isAfter(deadline)) {
        throw new Cul8erException(
            "Waited "
                + readyTimeout.toSeconds()
                + " s for "
                + instance
                + " to run with an IPv4 address, but it is "
                + state.status()
                + (addresses.isEmpty() ? " without an address" : " at " + addresses.get(0))
                + "; check its network (incus info " + instance + ")");
      }
      // DHCP leases have no Incus operation to wait on: poll, backing off to 100 ms, so a new
      // lease is seen within 0.1 s.
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 100);
    }
  }

  private void delete(String instance) throws InterruptedException {
    try {
      InstanceState state = incus.instanceState(instance);
      if (!"Stopped".equals(state.status())) {
        whenNotBusy(() -> incus.changeState(instance, StateChange.forceStop()));
      }
      whenNotBusy(() -> incus.deleteInstance(instance));
    } catch (IncusNotFoundException alreadyGone) {
      // Deleting what is not there is done.
    } catch (OperationGoneException outcomeUnknown) {
      if (incus.findInstance(instance).isPresent()) {
        throw outcomeUnknown;
      }
    }
  }

  private void pushFiles(InstanceSpec spec, Consumer<String> progress) {
    for (FileSpec file : spec.files()) {
      FilePushes.push(incus, spec.instanceName(),
          new FilePush(file.target(), FileContents.of(file), file.uid(), file.gid(), file.mode()), progress);
    }
  }

}
