package io.cul8er.incus;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.Operation;
import io.cul8er.incus.endpoint.StartAttachedExec;
import io.cul8er.incus.endpoint.WaitOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a command attached to this process's streams: the exec operation started with {@code
 * wait-for-websocket}, a WebSocket connected to each of its streams (which starts it), stdin copied
 * to it, its output written as it comes, and its exit code read from the finished operation.
 * Closing a connection without a close message (this process dying) makes Incus kill the command.
 */
final class ExecAttach {
  private static final long WAIT_SECONDS = 10;
  private static final int STDIN_BUFFER = 8192;

  private final Caller caller;
  private final IncusTransport transport;
  private final Optional<String> project;

  ExecAttach(Caller caller, IncusTransport transport, Optional<String> project) {
    this.caller = caller;
    this.transport = transport;
    this.project = project;
  }

  int run(String instance, ExecCommand command, ExecIo io) {
    StartAttachedExec.Started started = caller.call(new StartAttachedExec(instance, command, io.terminal()));
    List<OperationSocket> sockets = new ArrayList<>();
    try {
      sockets.add(open(started, "control", new Output(OutputStream.nullOutputStream())));
      List<Output> outputs = new ArrayList<>();
      OperationSocket stdin;
      if (io.terminal().isPresent()) {
        Output terminal = new Output(io.out());
        outputs.add(terminal);
        stdin = open(started, "0", terminal);
      } else {
        stdin = open(started, "0", new Output(OutputStream.nullOutputStream()));
        outputs.add(new Output(io.out()));
        outputs.add(new Output(io.err()));
        sockets.add(open(started, "1", outputs.get(0)));
        sockets.add(open(started, "2", outputs.get(1)));
      }
      sockets.add(stdin);
      copyInput(io.in(), stdin, instance);
      for (Output output : outputs) {
        output.awaitEnd();
      }
      // The output has ended: Incus ends the operation once the streams close (the stdin still
      // open would keep it running).
      sockets.forEach(OperationSocket::close);
      Operation done = awaitEnd(started.operationId());
      if (done.failed()) {
        throw IncusException.of("POST /1.0/instances/" + instance + "/exec", "run "
            + String.join(" ", command.command()) + " in instance " + instance, done.statusCode(), done.err());
      }
      return done.metadata().path("return").asInt(-1);
    } finally {
      sockets.forEach(OperationSocket::close);
    }
  }

  private OperationSocket open(StartAttachedExec.Started started, String stream, OperationSocket.Listener listener) {
    String secret = Optional.ofNullable(started.secrets().get(stream)).orElseThrow(() -> new IncusException(
        "POST exec", "attach to stream " + stream, 500, "Incus named no WebSocket for stream " + stream
        + " (it named " + started.secrets().keySet() + ")"));
    String target = "/1.0/operations/" + started.operationId() + "/websocket?secret=" + encode(secret)
        + project.map(p -> "&project=" + encode(p)).orElse("");
    return transport.openSocket(target, listener);
  }

  private Operation awaitEnd(String id) {
    while (true) {
      try {
        Operation operation = caller.call(new WaitOperation(id, WAIT_SECONDS));
        if (!operation.isRunning()) {
          return operation;
        }
      } catch (IncusException e) {
        // Incus answers a wait whose time ran out with an error rather than the running operation.
        if (!e.getMessage().contains("context deadline exceeded")) {
          throw e;
        }
      }
    }
  }

  /** Copies stdin to the command until it ends, then says so; on a daemon thread, as it may block for ever. */
  private static void copyInput(InputStream in, OperationSocket stdin, String instance) {
    Thread copier = new Thread(() -> {
      byte[] buffer = new byte[STDIN_BUFFER];
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (n > 0) {
            stdin.send(buffer, n);
          }
        }
        stdin.sendText("");
      } catch (IOException | RuntimeException e) {
        // The command ended (its socket closed) or stdin failed: nothing more to send.
      }
    }, "stdin to " + instance);
    copier.setDaemon(true);
    copier.start();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** One output stream of the command: written as it comes, ended by Incus's barrier or the socket's close. */
  private static final class Output implements OperationSocket.Listener {
    private final OutputStream out;
    private final CountDownLatch ended = new CountDownLatch(1);

    Output(OutputStream out) {
      this.out = out;
    }

    @Override
    public void binary(ByteBuffer bytes) {
      try {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        out.write(copy);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void text(String text) {
      if (text.isEmpty()) {
        ended.countDown();
      }
    }

    @Override
    public void closed(Optional<Throwable> failure) {
      ended.countDown();
    }

    /** Waits until the stream ended: when the command and whatever it started that holds it open have ended. */
    void awaitEnd() {
      try {
        ended.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
