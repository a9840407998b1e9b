package io.cul8er.incus.http;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class WarmUpTest {

  /** The warm-up swallows a missing class (it is only a head start), so a typo would go unseen. */
  @Test
  void everyClassItWarmsExists() {
    for (String name : WarmUp.CLASSES) {
      assertThatCode(() -> Class.forName(name, false, getClass().getClassLoader()))
          .as(name).doesNotThrowAnyException();
    }
  }
}
