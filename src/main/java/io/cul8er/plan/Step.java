package io.cul8er.plan;

import io.cul8er.model.InstanceSpec;
import java.util.List;
import java.util.Map;

/**
 * One thing the executor does to one instance. Pure description: the executor records the state
 * after each step that succeeds (the spec after a create or update, removal after a delete).
 */
public sealed interface Step {

  String instance();

  /** A human description, e.g. {@code create demo-web from cul8er/busybox}. */
  String describe();

  /** Creates the instance, stopped, from {@code spec}. */
  record CreateInstance(InstanceSpec spec) implements Step {
    @Override
    public String instance() {
      return spec.instanceName();
    }

    @Override
    public String describe() {
      return "create " + instance() + " from " + spec.image();
    }
  }

  /**
   * Sets every key C U L8er owns to the spec's config (secret environment values are added by the
   * executor), its devices to the spec's devices and the profiles to the spec's profiles. Keys and
   * devices it does not own, and server-computed keys, are kept as they are.
   */
  record UpdateInstance(InstanceSpec spec) implements Step {
    @Override
    public String instance() {
      return spec.instanceName();
    }

    public Map<String, String> config() {
      return spec.config();
    }

    public Map<String, Map<String, String>> devices() {
      return spec.devices();
    }

    public List<String> profiles() {
      return spec.profiles();
    }

    @Override
    public String describe() {
      return "update " + instance() + " in place";
    }
  }

  record StartInstance(String instance) implements Step {
    @Override
    public String describe() {
      return "start " + instance;
    }
  }

  /** Waits until the instance runs and has an address. */
  record WaitRunning(String instance) implements Step {
    @Override
    public String describe() {
      return "wait until " + instance + " runs";
    }
  }

  /** Stops the instance if it runs, then deletes it. */
  record DeleteInstance(String instance) implements Step {
    @Override
    public String describe() {
      return "delete " + instance;
    }
  }

  /** Records an adopted instance in the state; Incus is not touched. */
  record RecordInstance(InstanceSpec spec) implements Step {
    @Override
    public String instance() {
      return spec.instanceName();
    }

    @Override
    public String describe() {
      return "record " + instance() + " in the state";
    }
  }

  /**
   * Copies an image the host lacks from another host, or this machine, that has it ({@link
   * ImageCopy}); not about an instance: its {@link #instance()} names the image, for progress and
   * failures ({@code image cul8er/debian12}).
   */
  record CopyImage(ImageCopy copy) implements Step {
    @Override
    public String instance() {
      return "image " + copy.image();
    }

    @Override
    public String describe() {
      return copy.describe();
    }
  }

  /** Removes the instance from the state; Incus is not touched. */
  record ForgetInstance(String instance) implements Step {
    @Override
    public String describe() {
      return "forget " + instance + " in the state";
    }
  }
}
