package io.cul8er.state.file;

import java.io.IOException;

/** File work that may fail with an {@link IOException}. */
@FunctionalInterface
interface IoWork<T> {
  T run() throws IOException;
}
