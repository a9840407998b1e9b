package io.cul8er.observe;

/** Hands one event's JSON to one sink; throws, saying why, when the sink did not take it. */
@FunctionalInterface
interface SinkDelivery {
  void deliver(String json) throws Exception;
}
