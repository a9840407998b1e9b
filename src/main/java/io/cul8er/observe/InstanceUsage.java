package io.cul8er.observe;

/**
 * What one instance uses, as Incus measures it: {@code cpuSeconds} of CPU time since it started
 * (all CPUs, all modes), and {@code memoryBytes} in use (its memory total less what is available).
 */
public record InstanceUsage(String project, String instance, double cpuSeconds, long memoryBytes) {}
