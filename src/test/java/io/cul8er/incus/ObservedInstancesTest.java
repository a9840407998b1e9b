package io.cul8er.incus;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.incus.api.Instance;
import io.cul8er.incus.api.InstanceState;
import io.cul8er.incus.api.InstanceState.Address;
import io.cul8er.incus.api.InstanceState.NetworkState;
import io.cul8er.model.InstanceType;
import io.cul8er.model.ObservedInstance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservedInstancesTest {

  @Test
  void globalIpv4OfEth0ComesFirstThenOtherInterfaces() {
    InstanceState state = new InstanceState("Running", 103, 10, 2, Map.of(
        "lo", nic(new Address("inet", "127.0.0.1", "8", "local")),
        "a0", nic(new Address("inet", "192.168.5.2", "24", "global")),
        "eth0", nic(new Address("inet6", "fd00::5", "64", "global"),
            new Address("inet", "10.147.0.5", "24", "global"),
            new Address("inet6", "fe80::1", "64", "link"))));

    ObservedInstance observed = ObservedInstances.of(instance(Optional.of(state)), "edge-1");

    assertThat(observed).isEqualTo(new ObservedInstance("web-1", "edge-1", InstanceType.VM,
        "Running", Map.of("limits.cpu", "2"), Map.of("http", Map.of("type", "proxy")),
        List.of("default"), List.of("10.147.0.5", "192.168.5.2")));
  }

  @Test
  void withoutStateThereAreNoAddresses() {
    assertThat(ObservedInstances.of(instance(Optional.empty()), "h").addresses()).isEmpty();
  }

  private static NetworkState nic(Address... addresses) {
    return new NetworkState(List.of(addresses), "", "", "up", "broadcast");
  }

  private static Instance instance(Optional<InstanceState> state) {
    return new Instance("web-1", InstanceType.VM, "Running", 103, "default", "x86_64", null,
        Map.of("limits.cpu", "2"), Map.of("http", Map.of("type", "proxy")), List.of("default"),
        null, null, false, false, null, state, null);
  }
}
