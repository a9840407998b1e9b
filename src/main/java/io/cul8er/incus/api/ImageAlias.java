package io.cul8er.incus.api;

/** A name for an image: {@code target} is the image's fingerprint, {@code type} container or virtual-machine. */
public record ImageAlias(String name, String description, String target, String type) {}
