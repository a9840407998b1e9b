package io.cul8er.incus.api;

/** A value read together with its ETag, to send back as {@code If-Match} on update. */
public record WithEtag<T>(T value, String etag) {}
