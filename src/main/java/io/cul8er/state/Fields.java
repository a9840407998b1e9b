package io.cul8er.state;

/** Checks shared by the records of this package. */
final class Fields {
  private Fields() {}

  static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
