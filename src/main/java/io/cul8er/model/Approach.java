package io.cul8er.model;

/** Deployment approach of the strategy layer. */
public enum Approach {
  ROLLING,
  BLUE_GREEN,
  CANARY
}
