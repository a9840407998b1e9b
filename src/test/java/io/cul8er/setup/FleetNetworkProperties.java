package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.network.Cidr;
import io.cul8er.network.PeerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FleetNetworkProperties {

  @Provide
  Arbitrary<List<Cidr>> subnets() {
    Arbitrary<Cidr> subnet = Combinators.combine(Arbitraries.integers().between(1, 223),
            Arbitraries.integers().between(0, 0xFFFFFF), Arbitraries.integers().between(8, 29))
        .as((first, rest, prefix) -> new Cidr((first << 24) | rest, prefix).network());
    return subnet.list().ofMinSize(2).ofMaxSize(7);
  }

  /** Host k of the fleet at 10.147.0.(k+10) with {@code subnet} on its bridge, no routes yet. */
  static String probe(int k, List<Cidr> subnets) {
    Cidr subnet = subnets.get(k);
    StringBuilder text = new StringBuilder("uid=0\nmachine_id=m" + k + "\nip_forward=1\nnetworkd=yes\n"
        + "addr=eth0 " + address(k) + "/24\nlink=eth0 no /etc/systemd/network/eth0.network\n"
        + "bridge=br0 " + new Cidr(subnet.address() + 1, subnet.prefix()) + " false\ndefault_bridge=br0\n");
    for (int peer = 0; peer < subnets.size(); peer++) {
      if (peer != k) {
        text.append("peer=").append(address(peer)).append(" ").append(address(peer)).append(" ").append(address(peer))
            .append(" dev eth0 src ").append(address(k)).append('\n');
      }
    }
    return text.toString();
  }

  static String address(int k) {
    return "10.147.0." + (k + 10);
  }

  @Property
  void everyHostGetsOneRouteToEachOtherHostsSubnetAndNoneToItsOwn(@ForAll("subnets") List<Cidr> subnets) {
    for (int i = 0; i < subnets.size(); i++) {
      for (int j = i + 1; j < subnets.size(); j++) {
        Assume.that(!subnets.get(i).overlaps(subnets.get(j)));
      }
    }
    Assume.that(subnets.stream().noneMatch(s -> s.contains(Cidr.address("10.147.0.1").orElseThrow())));
    List<FleetMember> fleet = IntStream.range(0, subnets.size())
        .mapToObj(k -> FleetFixture.member("h" + k, new PeerAddress.Literal(address(k)), probe(k, subnets))).toList();

    var plan = FleetNetwork.plan("p", fleet);

    for (int k = 0; k < subnets.size(); k++) {
      List<String> expected = new ArrayList<>();
      for (int peer = 0; peer < subnets.size(); peer++) {
        if (peer != k) {
          expected.add("ip route replace " + subnets.get(peer) + " via " + address(peer));
        }
      }
      List<String> routes = plan.get("h" + k).stream().filter(SetupStep.Run.class::isInstance)
          .map(step -> ((SetupStep.Run) step).command()).filter(c -> c.startsWith("ip route")).toList();
      assertThat(routes).containsExactlyInAnyOrderElementsOf(expected);
      String own = " " + subnets.get(k) + " ";
      assertThat(routes).noneMatch(c -> c.contains(own));
    }
    assertThat(FleetFixture.drift(fleet)).hasSize(subnets.size() * (subnets.size() - 1));
  }
}
