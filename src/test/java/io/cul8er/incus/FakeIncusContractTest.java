package io.cul8er.incus;

import io.cul8er.incus.fake.FakeIncus;

/** The {@link IncusContract} against the in-memory {@link FakeIncus}. */
class FakeIncusContractTest extends IncusContract {
  private final FakeIncus incus = new FakeIncus();

  @Override
  protected IncusApi incus() {
    return incus;
  }
}
