package io.cul8er.observe;

/**
 * What one host's edge (HAProxy) counted for one instance behind one public port, as {@code show
 * stat} reports it: responses by status class and failed exchanges since the edge's last reload,
 * connections open now, the average response time of the last 1024 responses, and whether the edge
 * sends it traffic. {@code edge} names the host whose edge it is; {@code resource} is the
 * instance's resource.
 */
public record EdgeTraffic(
    String edge,
    String resource,
    int port,
    String instance,
    long responses2xx,
    long responses4xx,
    long responses5xx,
    long otherResponses,
    long connectionErrors,
    long responseErrors,
    long connections,
    double responseTimeSeconds,
    boolean up) {}
