package io.cul8er.edge;

/**
 * A server's line of {@code show stat}. Counters are cumulative since HAProxy started (or the
 * server was added); {@code status} is HAProxy's text, such as {@code UP}, {@code DOWN},
 * {@code DRAIN}, {@code MAINT} or {@code UP 1/2} while a state change is pending;
 * {@code responseTimeMillis} is HAProxy's {@code rtime}, the average over the server's last 1024
 * responses.
 */
public record ServerStats(
    String backend,
    String server,
    long currentSessions,
    long totalSessions,
    String status,
    int weight,
    String checkStatus,
    long responses2xx,
    long responses4xx,
    long responses5xx,
    long otherResponses,
    long connectionErrors,
    long responseErrors,
    long idleConnections,
    long responseTimeMillis) {

  /** A reading without response times (HAProxy's {@code rtime} 0). */
  public ServerStats(String backend, String server, long currentSessions, long totalSessions, String status, int weight,
      String checkStatus, long responses2xx, long responses4xx, long responses5xx, long otherResponses,
      long connectionErrors, long responseErrors, long idleConnections) {
    this(backend, server, currentSessions, totalSessions, status, weight, checkStatus, responses2xx, responses4xx,
        responses5xx, otherResponses, connectionErrors, responseErrors, idleConnections, 0);
  }

  /** HAProxy marks a check that is running with "* " before the last result; the result is kept. */
  public ServerStats {
    if (checkStatus.startsWith("* ")) {
      checkStatus = checkStatus.substring(2);
    }
  }

  /** Every HTTP response the server gave. */
  public long responses() {
    return responses2xx + responses4xx + responses5xx + otherResponses;
  }

  /** Failed exchanges: 5xx answers plus connections or responses that broke. */
  public long failures() {
    return responses5xx + connectionErrors + responseErrors;
  }

  /**
   * UP in HAProxy's view (DRAIN when drained: still checked, just given no new traffic), confirmed
   * by a passing check (L4OK, L6OK, L7OK, L7OKC).
   */
  public boolean healthy() {
    return (status.equals("UP") || status.equals("DRAIN"))
        && checkStatus.startsWith("L")
        && checkStatus.contains("OK");
  }

  /**
   * Whether HAProxy gives it new requests now and will keep doing so: UP with no state change
   * pending (not {@code UP 1/2}, which a failing check leads to DOWN), the last check passed, and a
   * weight above 0.
   */
  public boolean takesNewRequests() {
    return status.equals("UP") && healthy() && weight > 0;
  }

  /**
   * This server's counters plus {@code other}'s (the same server in another edge); gauges add up
   * too, but the response time is the slower edge's.
   */
  public ServerStats plus(ServerStats other) {
    return new ServerStats(
        backend,
        server,
        currentSessions + other.currentSessions,
        totalSessions + other.totalSessions,
        status,
        weight,
        checkStatus,
        responses2xx + other.responses2xx,
        responses4xx + other.responses4xx,
        responses5xx + other.responses5xx,
        otherResponses + other.otherResponses,
        connectionErrors + other.connectionErrors,
        responseErrors + other.responseErrors,
        idleConnections + other.idleConnections,
        Math.max(responseTimeMillis, other.responseTimeMillis));
  }

  /** The difference of the cumulative counters since {@code earlier}; gauges keep this value. */
  public ServerStats since(ServerStats earlier) {
    return new ServerStats(
        backend,
        server,
        currentSessions,
        totalSessions - earlier.totalSessions,
        status,
        weight,
        checkStatus,
        responses2xx - earlier.responses2xx,
        responses4xx - earlier.responses4xx,
        responses5xx - earlier.responses5xx,
        otherResponses - earlier.otherResponses,
        connectionErrors - earlier.connectionErrors,
        responseErrors - earlier.responseErrors,
        idleConnections,
        responseTimeMillis);
  }
}
