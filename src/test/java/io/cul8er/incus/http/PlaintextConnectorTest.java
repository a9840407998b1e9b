package io.cul8er.incus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaintextConnectorTest {

  @Test
  void startingLoadsNoTlsContextAndATlsEngineIsRefused() throws Exception {
    PlaintextConnector connector = new PlaintextConnector();
    connector.start();
    try {
      assertThat(connector.getSslContextFactory()).isInstanceOf(PlaintextConnector.NoTls.class);
      assertThat(connector.getSslContextFactory().isStarted()).isTrue();
      assertThatThrownBy(() -> connector.getSslContextFactory().newSSLEngine("incus", 8443))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("TLS is not used on the Incus Unix socket");
      assertThatThrownBy(() -> connector.getSslContextFactory().newSSLEngine())
          .hasMessage("TLS is not used on the Incus Unix socket");
    } finally {
      connector.stop();
    }
  }
}
