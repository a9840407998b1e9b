package io.cul8er.edge;

import java.time.Duration;

/**
 * Maintenance mode of one service: its frontend answers every request itself, 503 with a page
 * showing {@code message} (plain text, escaped here) and {@code Retry-After: retryAfter}, while the
 * backend's servers stay checked. A TCP service refuses new connections instead.
 */
public record EdgeMaintenance(String message, Duration retryAfter) {
  public EdgeMaintenance {
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("a maintenance page needs a message");
    }
    if (retryAfter.toSeconds() < 1 || retryAfter.toNanosPart() != 0) {
      throw new IllegalArgumentException("Retry-After must be whole seconds, at least 1, got " + retryAfter);
    }
  }

  /** The page, on one line: the message escaped for HTML, every character outside printable ASCII as a reference. */
  public String page() {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Down for maintenance</title>"
        + "</head><body><h1>Down for maintenance</h1><p>" + html(message) + "</p></body></html>";
  }

  /**
   * {@code text} safe in HTML and between HAProxy's single quotes: {@code & < > " '} and every
   * character outside printable ASCII (line breaks included) become numeric references, so the
   * result is printable ASCII without a quote, and one configuration line.
   */
  static String html(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> {
          if (c == '\'' || c < 0x20 || c > 0x7e) {
            out.append("&#").append(c).append(';');
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
