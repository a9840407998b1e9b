package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostFactsTest {
  @Test
  void readsWhatTheProbePrints() {
    HostFacts facts = HostFacts.parse("""
        uid=1000
        user=deploy
        sudo=yes
        systemd=yes
        os=debian
        codename=bookworm
        version=12
        socket_path=/var/lib/incus/unix.socket
        socket=yes
        socket_group=incus-admin
        socket_mode=srw-rw----
        socket_member=yes
        incus=/usr/bin/incus
        server=Incus 6.0.4
        pools=default,fast
        bridges=incusbr0
        """);

    assertThat(facts).isEqualTo(new HostFacts(false, true, true, "debian", "bookworm", "12",
        Optional.of("/usr/bin/incus"), Optional.of("Incus 6.0.4"), "", List.of("default", "fast"), List.of("incusbr0"),
        "deploy", new SocketFacts("/var/lib/incus/unix.socket", true, false, "incus-admin", "srw-rw----", true)));
    assertThat(facts.socket().groupMayUse()).isTrue();
    assertThat(facts.installed()).isTrue();
    assertThat(facts.running()).isTrue();
  }

  @Test
  void aBareHostHasNothing() {
    HostFacts facts = HostFacts.parse("uid=0\nos=alpine\nincus=\nnoise without equals\n");

    assertThat(facts.root()).isTrue();
    assertThat(facts.installed()).isFalse();
    assertThat(facts.running()).isFalse();
    assertThat(facts.pools()).isEmpty();
    assertThat(facts.socket().present()).isFalse();
    assertThat(facts.socket().groupMayUse()).isFalse();
  }
}
