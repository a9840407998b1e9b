package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.ExecCommand;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of an exec request that say what runs and as whom, shared by both ways of running it. */
final class ExecBody {
  private ExecBody() {}

  static Map<String, Object> of(ExecCommand command) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("command", command.command());
    body.put("environment", command.environment());
    command.cwd().ifPresent(cwd -> body.put("cwd", cwd));
    command.user().ifPresent(user -> body.put("user", user));
    command.group().ifPresent(group -> body.put("group", group));
    return body;
  }
}
