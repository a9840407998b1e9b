package io.cul8er.state;

import java.time.Instant;

/** One stored version of a state. */
public record HistoryEntry(long serial, Instant writtenAt) {}
