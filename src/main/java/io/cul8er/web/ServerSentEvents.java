package io.cul8er.web;

/**
 * The text of server-sent events (the HTML standard's {@code text/event-stream}): each message its
 * id, its event name and its data, one {@code data:} line per line of the data, and a blank line.
 */
final class ServerSentEvents {
  static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
  /** Sent first: how long a browser waits before it reconnects, in milliseconds. */
  static final String RETRY = "retry: 2000\n\n";
  /** Sent when nothing happened for a while, so that a closed connection is found out. */
  static final String KEEPALIVE = ": keepalive\n\n";

  private ServerSentEvents() {}

  static String frame(long id, String event, String data) {
    StringBuilder frame = new StringBuilder().append("id: ").append(id).append('\n')
        .append("event: ").append(event).append('\n');
    for (String line : data.split("\r\n|\r|\n", -1)) {
      frame.append("data: ").append(line).append('\n');
    }
    return frame.append('\n').toString();
  }
}
