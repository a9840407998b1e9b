/**
 * Clustering, described as data: what each member's runtime is told to join the others ({@link
 * io.cul8er.cluster.ClusterEnvironment}, written by {@link io.cul8er.cluster.EnvFile}), how a
 * member is asked whom it sees ({@link io.cul8er.cluster.MembershipProbes}), what its answer means
 * ({@link io.cul8er.cluster.Membership}) and whether the answers add up to a formed cluster ({@link
 * io.cul8er.cluster.Formation}). Pure: running probes is the engine's job. Depends on the model,
 * Jackson and the JDK only. The contract is in docs/clustering.md.
 */
package io.cul8er.cluster;
