package io.cul8er.model;

/** Instance port {@code port} published on the host as {@code as}. */
public record Expose(int port, int as, Protocol protocol, SourcePos pos) implements Positioned {}
