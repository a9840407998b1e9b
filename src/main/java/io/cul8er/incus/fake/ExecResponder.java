package io.cul8er.incus.fake;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import java.util.Map;

/** Answers commands run in a {@link FakeIncus} instance, in place of a real process. */
@FunctionalInterface
public interface ExecResponder {

  /**
   * @param files the instance's files by absolute path, read-only
   */
  ExecResult run(String instance, ExecCommand command, Map<String, byte[]> files);
}
