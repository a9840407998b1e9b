package io.cul8er.incus.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ServerTest {

  @Test
  void namesItsUriAndAFileKeyForIpv4NamesAndIpv6() {
    Server ipv4 = new Server("127.0.0.1", 8443);
    assertThat(ipv4.uri()).isEqualTo(URI.create("https://127.0.0.1:8443"));
    assertThat(ipv4).hasToString("127.0.0.1:8443");
    assertThat(ipv4.fileKey()).isEqualTo("127.0.0.1_8443");

    Server ipv6 = new Server("fd42::1", 8443);
    assertThat(ipv6.uri()).isEqualTo(URI.create("https://[fd42::1]:8443"));
    assertThat(ipv6).hasToString("[fd42::1]:8443");
    assertThat(ipv6.fileKey()).isEqualTo("fd42__1_8443");

    assertThat(new Server("incus.example.org", 443).fileKey()).isEqualTo("incus.example.org_443");
    assertThat(new Server("../../etc/x", 1).fileKey()).isEqualTo(".._.._etc_x_1");
  }

  @Test
  void refusesNoAddressAndPortsOutOfRange() {
    assertThatThrownBy(() -> new Server(" ", 8443))
        .hasMessage("An Incus server needs an address");
    assertThatThrownBy(() -> new Server("10.0.0.1", 0))
        .hasMessage("Port 0 of 10.0.0.1 is not in 1..65535");
    assertThatThrownBy(() -> new Server("10.0.0.1", 65536))
        .hasMessage("Port 65536 of 10.0.0.1 is not in 1..65535");
  }
}
