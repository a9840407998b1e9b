package io.cul8er.dsl;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for misspelt names: the closest candidate by Damerau-Levenshtein distance. */
public final class Suggest {
  private Suggest() {}

  /** The candidate closest to {@code word}, if it is close enough to be a plausible typo. */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(word.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= tolerance(word) ? Optional.of(best) : Optional.empty();
  }

  /** A hint such as "did you mean `memory`?", or null when nothing is close. */
  public static String didYouMean(String word, Collection<String> candidates, String prefix) {
    return closest(word, candidates).map(c -> "did you mean `" + prefix + c + "`?").orElse(null);
  }

  private static int tolerance(String word) {
    return word.length() <= 3 ? 1 : word.length() <= 8 ? 2 : 3;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }
}
