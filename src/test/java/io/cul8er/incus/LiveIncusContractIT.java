package io.cul8er.incus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cul8er.incus.http.LocalIncus;
import io.cul8er.incus.http.UnixSocketTransport;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;

/** The {@link IncusContract} against the Incus daemon on this machine. */
class LiveIncusContractIT extends IncusContract {
  private IncusClient incus;

  @BeforeAll
  void connect() {
    assumeTrue(Files.exists(UnixSocketTransport.DEFAULT_SOCKET),
        "No Incus on this machine (" + UnixSocketTransport.DEFAULT_SOCKET
            + " is missing): run `sudo scripts/setup.sh` to run the live contract suite");
    incus = LocalIncus.client();
  }

  @Override
  protected IncusApi incus() {
    return incus;
  }

  @Override
  protected void closeIncus() {
    if (incus != null) {
      incus.close();
    }
  }
}
