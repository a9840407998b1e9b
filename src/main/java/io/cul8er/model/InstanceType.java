package io.cul8er.model;

/** The kind of Incus instance. */
public enum InstanceType {
  CONTAINER("container"),
  VM("virtual-machine");

  private final String incusName;

  InstanceType(String incusName) {
    this.incusName = incusName;
  }

  public String incusName() {
    return incusName;
  }
}
