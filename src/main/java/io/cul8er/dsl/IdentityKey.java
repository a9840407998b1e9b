package io.cul8er.dsl;

/**
 * One aspect of one model element, keyed by the element's identity: model records compare equal
 * whatever their source position, so two equal hosts written in two places are two keys.
 */
record IdentityKey(Object element, String aspect) {
  @Override
  public boolean equals(Object other) {
    return other instanceof IdentityKey k && k.element == element && k.aspect.equals(aspect);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(element) * 31 + aspect.hashCode();
  }
}
