package io.cul8er.observe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook's receiver knows a POST came from this topology and is fresh: {@code
 * X-Cul8er-Signature: sha256=<hex>}, the HMAC-SHA256, keyed with the sink's secret, of {@code
 * <timestamp>.<body>}, where the timestamp (Unix seconds) is the {@code X-Cul8er-Timestamp} header
 * and the body the exact bytes posted.
 */
public final class WebhookSignature {
  public static final String SIGNATURE_HEADER = "X-Cul8er-Signature";
  public static final String TIMESTAMP_HEADER = "X-Cul8er-Timestamp";

  private WebhookSignature() {}

  /** {@code sha256=<lower-case hex>} of {@code timestamp + "." + body}. */
  public static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM: " + e.getMessage(), e);
    }
  }
}
