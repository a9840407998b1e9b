package io.cul8er.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** An event as one line for people: {@code 02:47:03  instance_drained  instance=web-1 waited=3s}. */
public final class EventText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final List<String> COMMON = List.of("type", "at", "topology");

  private EventText() {}

  public static String line(Event event) {
    return TIME.format(event.at()) + "  " + String.format("%-19s", event.type()) + " " + details(event);
  }

  /** The event's own fields as {@code key=value}, in declaration order; durations as {@code 1.5s}. */
  public static String details(Event event) {
    ObjectNode json = EventJson.MAPPER.valueToTree(event);
    List<String> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!COMMON.contains(field.getKey()) && !field.getValue().isNull()) {
        parts.add(field.getKey() + "=" + value(field.getValue()));
      }
    }
    return String.join(" ", parts);
  }

  private static String value(JsonNode node) {
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(item.asText()));
      return String.join(",", items);
    }
    String text = node.asText();
    if (text.startsWith("PT")) {
      return Duration.parse(text).toMillis() / 1000.0 + "s";
    }
    return text.contains(" ") || text.contains("\n") ? '"' + text.replace("\n", "\\n") + '"' : text;
  }
}
