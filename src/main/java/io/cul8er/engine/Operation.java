package io.cul8er.engine;

import java.util.Locale;

/** What a run that takes the state lock does; its word is what locks, audit entries and journals say. */
public enum Operation {
  APPLY,
  DEPLOY,
  DESTROY,
  ROLLBACK,
  RESTORE,
  PROMOTE;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean destroys() {
    return this == DESTROY;
  }

  /** The operation of a word ({@code apply}, {@code deploy}, ...), for the Java API's string form. */
  public static Operation of(String word) {
    for (Operation operation : values()) {
      if (operation.word().equals(word)) {
        return operation;
      }
    }
    throw new IllegalArgumentException("Not an operation: `" + word + "`; use apply, deploy, destroy, rollback, restore or promote");
  }
}
