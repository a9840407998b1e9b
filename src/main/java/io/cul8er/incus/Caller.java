package io.cul8er.incus;

import io.cul8er.incus.endpoint.IncusEndpoint;

/** Runs one endpoint; lets multi-request helpers be tested without a daemon. */
@FunctionalInterface
interface Caller {
  <T> T call(IncusEndpoint<T> endpoint);
}
