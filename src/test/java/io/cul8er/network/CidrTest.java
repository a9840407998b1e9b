package io.cul8er.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CidrTest {
  static Cidr cidr(String text) {
    return Cidr.parse(text).orElseThrow();
  }

  @Test
  void readsAddressesWithAndWithoutPrefix() {
    assertThat(cidr("10.210.1.1/24")).hasToString("10.210.1.1/24");
    assertThat(cidr("10.210.1.1/24").network()).hasToString("10.210.1.0/24");
    assertThat(cidr("10.147.0.12")).isEqualTo(new Cidr(Cidr.address("10.147.0.12").orElseThrow(), 32));
    assertThat(cidr("255.255.255.255/0").network()).hasToString("0.0.0.0/0");
    assertThat(cidr("10.210.1.1/24").host()).isEqualTo("10.210.1.1");
  }

  @Test
  void refusesWhatIsNotAnIpv4Address() {
    assertThat(Cidr.parse("none")).isEmpty();
    assertThat(Cidr.parse("fd42::1/64")).isEmpty();
    assertThat(Cidr.parse("10.210.1/24")).isEmpty();
    assertThat(Cidr.parse("10.210.1.256")).isEmpty();
    assertThat(Cidr.parse("10.210.1.1/33")).isEmpty();
    assertThat(Cidr.parse("10.210.1.1/")).isEmpty();
    assertThat(Cidr.address("web-2.lan")).isEqualTo(Optional.empty());
    assertThat(Cidr.isAddress("10.0.0.1")).isTrue();
  }

  @Test
  void overlapsWhenOneContainsTheOther() {
    assertThat(cidr("10.210.1.0/24").overlaps(cidr("10.210.1.1/24"))).isTrue();
    assertThat(cidr("10.210.1.0/24").overlaps(cidr("10.210.0.0/16"))).isTrue();
    assertThat(cidr("10.210.0.0/16").overlaps(cidr("10.210.1.0/24"))).isTrue();
    assertThat(cidr("10.210.1.0/24").overlaps(cidr("10.210.2.0/24"))).isFalse();
    assertThat(cidr("0.0.0.0/0").overlaps(cidr("192.168.1.0/24"))).isTrue();
    assertThat(cidr("10.147.0.0/24").contains(Cidr.address("10.147.0.200").orElseThrow())).isTrue();
    assertThat(cidr("10.147.0.0/24").contains(Cidr.address("10.147.1.1").orElseThrow())).isFalse();
  }

  @Test
  void ordersByAddressAsAnUnsignedNumber() {
    assertThat(Cidr.ORDER.compare(cidr("192.168.0.0/16"), cidr("10.0.0.0/8"))).isPositive();
    assertThat(Cidr.ORDER.compare(cidr("10.0.0.0/8"), cidr("10.0.0.0/16"))).isNegative();
  }
}
