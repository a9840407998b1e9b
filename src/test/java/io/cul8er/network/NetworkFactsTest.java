package io.cul8er.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkFactsTest {
  static Cidr cidr(String text) {
    return Cidr.parse(text).orElseThrow();
  }

  @Test
  void readsWhatTheProbePrints() {
    NetworkFacts facts = NetworkFacts.parse("""
        uid=0
        machine_id=4f1c
        ip_forward=1
        networkd=yes
        route=default via 10.147.0.1 dev eth0 proto dhcp src 10.147.0.11 metric 1024
        route=10.147.0.0/24 dev eth0 proto kernel scope link src 10.147.0.11
        route=10.210.2.0/24 via 10.147.0.12 dev eth0
        route=unreachable 10.99.0.0/16
        route=10.1.2.3 via 10.147.0.1 dev eth0
        route=\tnexthop via 10.147.0.1 dev eth0 weight 1
        addr=lo 127.0.0.1/8
        addr=eth0 10.147.0.11/24
        link=eth0 no /run/systemd/network/10-netplan-eth0.network
        link=eth1 yes -
        peer=10.147.0.12 10.147.0.12 10.147.0.12 dev eth0 src 10.147.0.11 uid 0
        peer=web-3.lan 10.0.0.13 10.0.0.13 via 10.147.0.1 dev eth0 src 10.147.0.11 uid 0
        peer=gone.lan -\s
        owned=/etc/network/if-up.d/cul8er-routes-shop
        owned_line=#!/bin/sh
        owned_line=add eth0 10.210.2.0/24 10.147.0.12 # host web_2
        owned=/var/lib/cul8er/routes-blog.sh
        owned_line=
        incus=/usr/bin/incus
        bridge=cul8erbr0 10.210.1.1/24 false
        bridge=spare - true
        default_bridge=cul8erbr0
        """);

    assertThat(facts).isEqualTo(new NetworkFacts("4f1c", true, true, false,
        List.of(new NetworkFacts.Bridge("cul8erbr0", Optional.of(cidr("10.210.1.1/24")), false),
            new NetworkFacts.Bridge("spare", Optional.empty(), true)),
        Optional.of("cul8erbr0"),
        List.of(new NetworkFacts.Route(cidr("0.0.0.0/0"), Optional.of("10.147.0.1"), "eth0"),
            new NetworkFacts.Route(cidr("10.147.0.0/24"), Optional.empty(), "eth0"),
            new NetworkFacts.Route(cidr("10.210.2.0/24"), Optional.of("10.147.0.12"), "eth0"),
            new NetworkFacts.Route(cidr("10.1.2.3/32"), Optional.of("10.147.0.1"), "eth0")),
        List.of(new NetworkFacts.Address("lo", cidr("127.0.0.1/8")), new NetworkFacts.Address("eth0", cidr("10.147.0.11/24"))),
        List.of(new NetworkFacts.Link("eth0", false, Optional.of("/run/systemd/network/10-netplan-eth0.network")),
            new NetworkFacts.Link("eth1", true, Optional.empty())),
        List.of(new NetworkFacts.OwnedFile("/etc/network/if-up.d/cul8er-routes-shop",
                List.of("#!/bin/sh", "add eth0 10.210.2.0/24 10.147.0.12 # host web_2")),
            new NetworkFacts.OwnedFile("/var/lib/cul8er/routes-blog.sh", List.of(""))),
        List.of(new NetworkFacts.PeerLookup("10.147.0.12", Optional.of("10.147.0.12"), Optional.of("eth0"),
                Optional.of("10.147.0.11"), Optional.empty()),
            new NetworkFacts.PeerLookup("web-3.lan", Optional.of("10.0.0.13"), Optional.of("eth0"),
                Optional.of("10.147.0.11"), Optional.of("10.147.0.1")),
            new NetworkFacts.PeerLookup("gone.lan", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()))));
    assertThat(facts.onLink(Cidr.address("10.147.0.12").orElseThrow())).map(NetworkFacts.Address::dev).contains("eth0");
    assertThat(facts.onLink(Cidr.address("10.0.0.13").orElseThrow())).isEmpty();
  }

  @Test
  void aHostWithoutIpOrIncusHasNothing() {
    NetworkFacts facts = NetworkFacts.parse("uid=0\nmachine_id=\nip_forward=0\nincus=\n");

    assertThat(facts.forwarding()).isFalse();
    assertThat(facts.machineId()).isEmpty();
    assertThat(facts.bridges()).isEmpty();
    assertThat(facts.defaultBridge()).isEmpty();
    assertThat(facts.routes()).isEmpty();
  }
}
