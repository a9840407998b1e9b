package io.cul8er.model;

/** What an exposed port speaks. The edge terminates or forwards according to it. */
public enum Protocol {
  TCP,
  UDP,
  HTTP,
  HTTPS
}
