package io.cul8er.incus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Content read as a stream, once, with its content type: what is too big to hold in memory, such as
 * an image's files (one tarball, {@code application/octet-stream}; or metadata and root file system
 * as {@code multipart/form-data}, as Incus exports and imports them). Close it when done.
 */
public record ContentStream(String contentType, InputStream content) implements AutoCloseable {

  @Override
  public void close() {
    try {
      content.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not close a " + contentType + " stream", e);
    }
  }
}
