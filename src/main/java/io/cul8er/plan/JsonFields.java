package io.cul8er.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Typed reads of one JSON object's fields; every error names the field's path in the file. */
record JsonFields(JsonNode node, String path) {

  String text(String field) {
    return typed(field, JsonNode::isTextual, "a string").asText();
  }

  Optional<String> optionalText(String field) {
    return present(field) ? Optional.of(text(field)) : Optional.empty();
  }

  long number(String field) {
    return typed(field, JsonNode::canConvertToLong, "a whole number").asLong();
  }

  boolean bool(String field) {
    return typed(field, JsonNode::isBoolean, "true or false").asBoolean();
  }

  JsonFields object(String field) {
    return new JsonFields(typed(field, JsonNode::isObject, "an object"), path + field + ".");
  }

  Optional<JsonFields> optionalObject(String field) {
    return present(field) ? Optional.of(object(field)) : Optional.empty();
  }

  List<JsonFields> list(String field) {
    JsonNode array = typed(field, JsonNode::isArray, "an array");
    List<JsonFields> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      items.add(new JsonFields(array.get(i), path + field + "[" + i + "]."));
    }
    return items;
  }

  /** An array that older files may not have: empty when absent. */
  List<JsonFields> optionalList(String field) {
    return present(field) ? list(field) : List.of();
  }

  List<String> texts(String field) {
    List<String> texts = new ArrayList<>();
    List<JsonFields> items = list(field);
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).node().isTextual()) {
        throw new PlanException("field " + path + field + "[" + i + "] must be a string");
      }
      texts.add(items.get(i).node().asText());
    }
    return texts;
  }

  Map<String, String> textMap(String field) {
    JsonFields object = object(field);
    Map<String, String> map = new TreeMap<>();
    object.node().fieldNames().forEachRemaining(name -> map.put(name, object.text(name)));
    return map;
  }

  /** An enum constant written in lower case, e.g. {@code "create"} for CREATE. */
  <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    String text = text(field);
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new PlanException("field " + path + field + " has the unknown value \"" + text + "\"");
    }
  }

  PlanException invalid(String field, String problem) {
    return new PlanException("field " + path + field + " " + problem);
  }

  private boolean present(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  private JsonNode typed(String field, Predicate<JsonNode> check, String expected) {
    if (!present(field)) {
      throw invalid(field, "is missing");
    }
    JsonNode value = node.get(field);
    if (!check.test(value)) {
      throw invalid(field, "must be " + expected);
    }
    return value;
  }
}
