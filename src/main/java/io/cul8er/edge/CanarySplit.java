package io.cul8er.edge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server weights that send {@code percent} of a backend's traffic to the canary servers and the
 * rest to the stable ones, each group shared evenly. Pure.
 */
public final class CanarySplit {
  private static final int MAX_WEIGHT = 256;

  private CanarySplit() {}

  public static Map<String, Integer> weights(List<String> stable, List<String> canary, int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("canary share must be 0-100%, got " + percent);
    }
    if (canary.isEmpty() || (stable.isEmpty() && percent < 100)) {
      throw new IllegalArgumentException(
          "a " + percent + "% split needs canary servers and stable servers, got " + canary + " and " + stable);
    }
    // share = c*wc / (c*wc + s*ws) = percent/100  <=  wc = percent*s, ws = (100-percent)*c
    long canaryWeight = (long) percent * Math.max(stable.size(), 1);
    long stableWeight = (long) (100 - percent) * canary.size();
    long divisor = gcd(canaryWeight, stableWeight);
    canaryWeight /= divisor;
    stableWeight /= divisor;
    long largest = Math.max(canaryWeight, stableWeight);
    canaryWeight = scale(canaryWeight, largest);
    stableWeight = scale(stableWeight, largest);
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (String server : stable) {
      weights.put(server, (int) stableWeight);
    }
    for (String server : canary) {
      weights.put(server, (int) canaryWeight);
    }
    return weights;
  }

  /**
   * Scales so that the larger weight is HAProxy's maximum, keeping a non-zero weight non-zero. Large
   * weights, not the smallest ratio (1 and 4), because HAProxy's weighted round robin keeps each
   * server's place in its schedule across a weight change: servers lowered from their configured
   * 100 to 1 and 4 got 8/8/92/92 of the next 200 requests instead of 20/20/80/80 (only the cycle
   * after was right), while 64 and 256 were right at once.
   */
  private static long scale(long weight, long largest) {
    return weight == 0 ? 0 : Math.max(1, Math.round((double) weight * MAX_WEIGHT / largest));
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
