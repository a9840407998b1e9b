package io.cul8er.plan;

/**
 * A host whose edge must serve the topology's public ports but is not installed there ({@code
 * problem}: {@code HAProxy is not installed (no /usr/sbin/haproxy); cul8er setup installs it}). A
 * deploy cannot install it (it runs as an unprivileged user), so apply refuses the plan.
 */
public record EdgeProblem(String host, String problem) {}
