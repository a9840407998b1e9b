package io.cul8er.incus;

import io.cul8er.LiveComponents;
import io.cul8er.incus.http.LocalIncus;
import org.junit.jupiter.api.BeforeAll;

/** The {@link IncusContract} against the Incus daemon on this machine. */
class LiveIncusContractIT extends IncusContract {
  private IncusClient incus;

  @BeforeAll
  void connect() {
    LiveComponents.requireIncus();
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
