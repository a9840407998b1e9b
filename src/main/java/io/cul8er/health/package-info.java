/**
 * Health checks: is an instance ready for traffic? {@link io.cul8er.health.Health} builds checks
 * (HTTP, TCP, command, all of several) that make one bounded attempt against a {@link
 * io.cul8er.health.Target}; {@link io.cul8er.health.HealthWaiter} polls one until the instance is
 * healthy or has clearly failed, and reports every attempt as a {@link
 * io.cul8er.health.HealthEvent}. Depends on the model and the JDK only.
 */
package io.cul8er.health;
