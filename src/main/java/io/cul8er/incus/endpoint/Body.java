package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.IncusJson;
import java.nio.charset.StandardCharsets;

/** A request body and its content type. */
public record Body(String contentType, byte[] bytes) {

  public Body {
    bytes = bytes.clone();
  }

  public static Body json(Object value) {
    return new Body("application/json", IncusJson.write(value));
  }

  public static Body octets(byte[] bytes) {
    return new Body("application/octet-stream", bytes);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
