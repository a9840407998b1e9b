package io.cul8er.web;

import java.time.Duration;
import java.time.Instant;

/**
 * One entry of the topology's audit log as the dashboard lists it: who ran which operation, from
 * which machine, how it ended and what it did ({@code summary}, free of secrets, as the audit log
 * keeps it). {@code outcome} is {@code succeeded}, {@code failed}, {@code interrupted} or {@code refused}.
 */
public record AuditLine(Instant at, String user, String host, String operation, String outcome, Duration duration,
    String summary) {}
