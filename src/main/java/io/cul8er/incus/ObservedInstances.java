package io.cul8er.incus;

import io.cul8er.incus.api.Instance;
import io.cul8er.incus.api.InstanceState;
import io.cul8er.model.ObservedInstance;
import java.util.List;

/** Turns what Incus reports into the model's "actual" side of a plan. */
public final class ObservedInstances {
  private ObservedInstances() {}

  /**
   * The instance as observed on {@code host}: its own config and devices (not those its profiles
   * add), and its global IPv4 addresses, eth0's first; none when the state was not fetched.
   */
  public static ObservedInstance of(Instance instance, String host) {
    List<String> addresses = instance.state().map(InstanceState::globalIpv4).orElse(List.of());
    return new ObservedInstance(instance.name(), host, instance.type(), instance.status(),
        instance.config(), instance.devices(), instance.profiles(), addresses);
  }
}
