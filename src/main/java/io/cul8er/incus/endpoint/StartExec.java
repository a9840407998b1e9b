package io.cul8er.incus.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.cul8er.incus.api.ExecCommand;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /1.0/instances/{name}/exec} with {@code record-output}: runs a command to its end
 * and yields its exit code and the API paths of its recorded stdout and stderr.
 */
public record StartExec(String instance, ExecCommand command)
    implements IncusEndpoint<StartExec.Outcome> {

  @Override
  public Optional<java.time.Duration> operationTimeout() {
    return command.timeout();
  }


  /** The finished command: exit code, and log paths of stdout ("1") and stderr ("2"). */
  public record Outcome(int exitCode, Optional<String> stdoutLog, Optional<String> stderrLog) {}

  @Override
  public String method() {
    return "POST";
  }

  @Override
  public String path() {
    return Paths.instance(instance) + "/exec";
  }

  @Override
  public Optional<Body> body() {
    Map<String, Object> body = ExecBody.of(command);
    body.put("interactive", false);
    body.put("record-output", true);
    body.put("wait-for-websocket", false);
    return Optional.of(Body.json(body));
  }

  /** A command's effect cannot be read back: run again only when the caller says it may be. */
  @Override
  public Resend resend() {
    return command.idempotent() ? Resend.ALWAYS : Resend.NEVER;
  }

  @Override
  public String action() {
    return "run " + String.join(" ", command.command()) + " in instance " + instance;
  }

  @Override
  public Outcome decode(Reply reply) {
    JsonNode metadata = reply.metadata();
    JsonNode output = metadata.path("output");
    return new Outcome(
        metadata.path("return").asInt(-1), text(output.path("1")), text(output.path("2")));
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }
}
