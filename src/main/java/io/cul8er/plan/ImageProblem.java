package io.cul8er.plan;

/**
 * An instance to create (or re-create) from an image its host cannot provide: apply must refuse
 * the plan, since a replacement would delete the running instance before finding out.
 */
public record ImageProblem(String instance, String host, String image, String problem) {}
