package io.cul8er.incus;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON wrapper of every Incus answer: sync, async (an operation) or error. */
record Envelope(String type, String operation, int errorCode, String error, JsonNode metadata) {

  boolean isError() {
    return "error".equals(type);
  }

  boolean isAsync() {
    return "async".equals(type);
  }

  /** The operation's id, from {@code /1.0/operations/<id>}. */
  String operationId() {
    return operation.substring(operation.lastIndexOf('/') + 1);
  }
}
