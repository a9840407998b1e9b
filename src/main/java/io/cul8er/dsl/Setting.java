package io.cul8er.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared shape of one statement: its positional arguments, its keyword arguments, whether it
 * takes a {@code do} block, and whether it may appear more than once in its block. {@code
 * unsupported} marks a recognised setting that is refused with that reason.
 */
record Setting(
    String name,
    List<ArgType> positional,
    int requiredPositional,
    Map<String, ArgType> keywords,
    Set<String> requiredKeywords,
    boolean exactlyOneKeyword,
    Body body,
    boolean repeatable,
    String example,
    String unsupported) {

  enum Body {
    NONE,
    OPTIONAL,
    REQUIRED
  }

  /** "write it as `cpu cores: 2`", or null. */
  String hint() {
    return example == null ? null : "write it as `" + example + "`";
  }

  static Builder named(String name) {
    return new Builder(name);
  }

  /** Mutable while a schema is being declared; {@link #build()} freezes it. */
  static final class Builder {
    private final String name;
    private final List<ArgType> positional = new ArrayList<>();
    private int requiredPositional;
    private final Map<String, ArgType> keywords = new LinkedHashMap<>();
    private final Set<String> requiredKeywords = new LinkedHashSet<>();
    private boolean exactlyOneKeyword;
    private Body body = Body.NONE;
    private boolean repeatable;
    private String example;
    private String unsupported;

    private Builder(String name) {
      this.name = name;
    }

    /** A required positional argument. */
    Builder arg(ArgType type) {
      positional.add(type);
      requiredPositional = positional.size();
      return this;
    }

    Builder key(String key, ArgType type) {
      keywords.put(key, type);
      return this;
    }

    Builder requiredKey(String key, ArgType type) {
      requiredKeywords.add(key);
      return key(key, type);
    }

    /** The keywords are alternatives (units, probe kinds): exactly one must be given. */
    Builder oneOf(ArgType type, String... keys) {
      for (String k : keys) {
        keywords.put(k, type);
      }
      exactlyOneKeyword = true;
      return this;
    }

    Builder block() {
      body = Body.REQUIRED;
      return this;
    }

    Builder optionalBlock() {
      body = Body.OPTIONAL;
      return this;
    }

    Builder repeatable() {
      repeatable = true;
      return this;
    }

    Builder example(String text) {
      example = text;
      return this;
    }

    Builder unsupported(String reason) {
      unsupported = reason;
      return this;
    }

    Setting build() {
      return new Setting(
          name,
          List.copyOf(positional),
          requiredPositional,
          Collections.unmodifiableMap(new LinkedHashMap<>(keywords)),
          Collections.unmodifiableSet(new LinkedHashSet<>(requiredKeywords)),
          exactlyOneKeyword,
          body,
          repeatable,
          example,
          unsupported);
    }
  }
}
