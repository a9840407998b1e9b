package io.cul8er.engine;

/** The topology's health check against one instance, as the release phase waits for it. */
interface HealthGate {
  /**
   * Waits until the instance passes; returns how, e.g. {@code healthy after 3 check(s)}.
   *
   * @throws ReleaseFailure when it does not pass, saying why
   */
  String await(String host, String instance, String address) throws InterruptedException;
}
