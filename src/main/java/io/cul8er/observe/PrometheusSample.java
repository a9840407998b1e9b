package io.cul8er.observe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample line of the Prometheus text format (also the sample lines of OpenMetrics text):
 * {@code name{label="value",...} value [timestamp]}. No Java library on our classpath reads this
 * format (the Prometheus client and Micrometer only write it), and the sample grammar is a few
 * lines, so it is read here: metric name, labels with their three escapes ({@code \\}, {@code
 * \"}, {@code \n}), a float value ({@code NaN}, {@code +Inf} and {@code -Inf} included).
 */
record PrometheusSample(String name, Map<String, String> labels, double value) {

  PrometheusSample {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** The samples of a whole exposition; comments ({@code # HELP}, {@code # TYPE}, {@code # EOF}) and blank lines are skipped. */
  static List<PrometheusSample> parseAll(String text) {
    List<PrometheusSample> samples = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        samples.add(parse(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("metrics line " + (i + 1) + " `" + line + "`: " + e.getMessage(), e);
      }
    }
    return samples;
  }

  static PrometheusSample parse(String line) {
    int nameEnd = 0;
    while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && !Character.isWhitespace(line.charAt(nameEnd))) {
      nameEnd++;
    }
    if (nameEnd == 0) {
      throw new IllegalArgumentException("no metric name");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    int rest = skipSpaces(line, nameEnd);
    if (rest < line.length() && line.charAt(rest) == '{') {
      rest = readLabels(line, rest + 1, labels);
    }
    String[] fields = line.substring(rest).strip().split("\\s+");
    if (fields.length == 0 || fields[0].isEmpty()) {
      throw new IllegalArgumentException("no value");
    }
    return new PrometheusSample(line.substring(0, nameEnd), labels, number(fields[0]));
  }

  /** Reads {@code k="v",...}} from {@code at} and returns the index after the closing brace. */
  private static int readLabels(String line, int at, Map<String, String> labels) {
    int i = at;
    while (true) {
      i = skipSpaces(line, i);
      if (i >= line.length()) {
        throw new IllegalArgumentException("labels not closed with }");
      }
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("label at column " + (i + 1) + " is not name=\"value\"");
      }
      String key = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      i = eq + 2;
      while (i < line.length() && line.charAt(i) != '"') {
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < line.length()) {
          char escaped = line.charAt(++i);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
        i++;
      }
      if (i >= line.length()) {
        throw new IllegalArgumentException("value of label " + key + " not closed with \"");
      }
      labels.put(key, value.toString());
      i = skipSpaces(line, i + 1);
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      }
    }
  }

  private static int skipSpaces(String line, int i) {
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static double number(String text) {
    switch (text) {
      case "+Inf", "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("value `" + text + "` is not a number");
        }
    }
  }
}
