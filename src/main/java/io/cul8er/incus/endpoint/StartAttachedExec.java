package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.TerminalSize;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /1.0/instances/{name}/exec} with {@code wait-for-websocket}: the command starts once
 * a WebSocket is connected to each of its streams (the operation's secrets, {@code fds}), and the
 * operation is not waited for here. With a terminal, {@code interactive}: one stream ("0") both
 * ways on a pseudo terminal; without, stdin ("0"), stdout ("1") and stderr ("2"). Both have
 * "control", for the window size and signals.
 */
public record StartAttachedExec(String instance, ExecCommand command, Optional<TerminalSize> terminal)
    implements IncusEndpoint<StartAttachedExec.Started> {

  /** The running operation and the secret of each of its WebSockets, by stream. */
  public record Started(String operationId, Map<String, String> secrets) {
    public Started {
      secrets = Map.copyOf(secrets);
    }
  }

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
    body.put("interactive", terminal.isPresent());
    terminal.ifPresent(size -> {
      body.put("width", size.columns());
      body.put("height", size.rows());
    });
    body.put("record-output", false);
    body.put("wait-for-websocket", true);
    return Optional.of(Body.json(body));
  }

  @Override
  public boolean awaitsOperation() {
    return false;
  }

  @Override
  public String action() {
    return "run " + String.join(" ", command.command()) + " attached in instance " + instance;
  }

  @Override
  public Started decode(Reply reply) {
    Map<String, String> secrets = new LinkedHashMap<>();
    reply.metadata().path("metadata").path("fds").fields()
        .forEachRemaining(fd -> secrets.put(fd.getKey(), fd.getValue().asText()));
    return new Started(reply.metadata().path("id").asText(), secrets);
  }
}
