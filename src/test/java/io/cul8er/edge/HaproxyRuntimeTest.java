package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted Unix socket that behaves like HAProxy's non-interactive CLI. */
class HaproxyRuntimeTest {
  @TempDir Path dir;

  @Test
  void sendsOneLineAndReadsUntilTheServerCloses() throws Exception {
    Path socket = dir.resolve("admin.sock");
    try (ServerSocketChannel server = listen(socket)) {
      CompletableFuture<String> received = answerOnce(server, line -> CapturedAnswers.SHOW_STAT);

      String answer = new HaproxyRuntime(socket).execute(RuntimeCommands.showStat("be_web"));

      assertThat(received.get()).isEqualTo("show stat be_web 4 -1\n");
      assertThat(answer).isEqualTo(CapturedAnswers.SHOW_STAT);
    }
  }

  @Test
  void parsesStatisticsAndStatesThroughTheInterface() throws Exception {
    Path socket = dir.resolve("admin.sock");
    try (ServerSocketChannel server = listen(socket)) {
      answerOnce(server, line -> CapturedAnswers.SHOW_SERVERS_STATE);
      assertThat(new HaproxyRuntime(socket).serversState("be_web")).hasSize(4);
      answerOnce(server, line -> CapturedAnswers.SHOW_STAT);
      assertThat(new HaproxyRuntime(socket).serverStats("be_web")).extracting(ServerStats::server)
          .containsExactly("b", "c", "d", "e");
    }
  }

  @Test
  void turnsARefusalIntoAnExceptionNamingTheCommand() throws Exception {
    Path socket = dir.resolve("admin.sock");
    try (ServerSocketChannel server = listen(socket)) {
      answerOnce(server, line -> "No such server.\n");

      assertThatThrownBy(() -> new HaproxyRuntime(socket).execute(RuntimeCommands.enableServer("be_web", "zz")))
          .isInstanceOf(HaproxyCommandException.class)
          .hasMessage("HAProxy at " + socket + " refused 'enable server be_web/zz': No such server.")
          .satisfies(
              e -> {
                HaproxyCommandException refused = (HaproxyCommandException) e;
                assertThat(refused.command()).isEqualTo("enable server be_web/zz");
                assertThat(refused.answer()).isEqualTo("No such server.\n");
              });
    }
  }

  @Test
  void aConnectionClosedWithoutAByteIsNoAnswerNotASuccess() throws Exception {
    Path socket = dir.resolve("admin.sock");
    try (ServerSocketChannel server = listen(socket)) {
      answerOnce(server, line -> ""); // as a tunnel whose SSH connection dropped; HAProxy itself answers "\n"
      HaproxyRuntime runtime = new HaproxyRuntime(socket, Duration.ofSeconds(5), Duration.ofSeconds(10));

      assertThatThrownBy(() -> runtime.execute(RuntimeCommands.deleteServer("be_web", "b")))
          .isInstanceOf(HaproxyUnreachableException.class)
          .hasMessage("Could not run 'del server be_web/b' on HAProxy's admin socket " + socket
              + ": the connection closed before HAProxy answered");
    }
  }

  @Test
  void aRepeatableCommandLeftWithoutAnAnswerIsSentAgain() throws Exception {
    Path socket = dir.resolve("admin.sock");
    try (ServerSocketChannel server = listen(socket)) {
      CompletableFuture<String> answered = answerOnce(server, line -> "")
          .thenCompose(unanswered -> answerOnce(server, line -> "\n"));

      String answer = new HaproxyRuntime(socket, Duration.ofSeconds(5), Duration.ofSeconds(10))
          .execute(RuntimeCommands.setState("be_web", "b", ServerAdminState.DRAIN));

      assertThat(answer).isEqualTo("\n");
      assertThat(answered.get()).isEqualTo("set server be_web/b state drain\n");
    }
  }

  @Test
  void givesUpAfterTheTimeoutWhenHaproxyDoesNotAnswer() throws Exception {
    Path socket = dir.resolve("admin.sock");
    try (ServerSocketChannel server = listen(socket)) {
      HaproxyRuntime runtime = new HaproxyRuntime(socket, Duration.ofMillis(200));
      assertThatThrownBy(() -> runtime.execute(RuntimeCommands.showInfo()))
          .isInstanceOf(HaproxyUnreachableException.class)
          .hasMessage("HAProxy did not answer 'show info' on " + socket + " within 200 ms");
    }
  }

  @Test
  void reportsAMissingSocketAtOnceWithoutAWindow() {
    Path socket = dir.resolve("missing.sock");
    HaproxyRuntime runtime = new HaproxyRuntime(socket, Duration.ofSeconds(5), Duration.ZERO);

    assertThatThrownBy(() -> runtime.execute(RuntimeCommands.showInfo()))
        .isInstanceOf(HaproxyUnreachableException.class)
        .hasMessage("Could not run 'show info' on HAProxy's admin socket " + socket
            + ": No such file or directory (HAProxy is not running, or did not come back from a restart)");
  }

  @Test
  void waitsForASocketThatRefusesAndGivesUpAfterTheWindowWithWords() throws Exception {
    Path socket = dir.resolve("admin.sock");
    listen(socket).close(); // the file stays, nobody accepts: HAProxy was killed
    HaproxyRuntime runtime = new HaproxyRuntime(socket, Duration.ofSeconds(5), Duration.ofMillis(400));

    long start = System.nanoTime();
    assertThatThrownBy(() -> runtime.execute(RuntimeCommands.showInfo()))
        .isInstanceOf(HaproxyUnreachableException.class)
        .hasMessage("Could not run 'show info' on HAProxy's admin socket " + socket
            + ": Connection refused throughout 400 ms (HAProxy is not running, or did not come back from a restart)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofMillis(1500));
  }

  @Test
  void aCommandMadeWhileHaproxyRestartsIsAnsweredOnceItIsBack() throws Exception {
    Path socket = dir.resolve("admin.sock");
    listen(socket).close();
    HaproxyRuntime runtime = new HaproxyRuntime(socket, Duration.ofSeconds(5), Duration.ofSeconds(10));
    CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> runtime.execute(RuntimeCommands.showInfo()));
    Thread.sleep(300);
    assertThat(answer).isNotDone();

    java.nio.file.Files.delete(socket);
    try (ServerSocketChannel server = listen(socket)) {
      answerOnce(server, line -> "Name: HAProxy\nPid: 42\n");
      assertThat(answer.get()).isEqualTo("Name: HAProxy\nPid: 42\n");
    }
  }

  @Test
  void aRepeatableCommandCutShortByAStoppingProcessIsSentAgainToTheNextOne() throws Exception {
    Path socket = dir.resolve("admin.sock");
    try (ServerSocketChannel server = listen(socket)) {
      CompletableFuture<String> answered =
          resetOnce(server).thenCompose(reset -> answerOnce(server, line -> CapturedAnswers.SHOW_STAT));

      String answer = new HaproxyRuntime(socket, Duration.ofSeconds(5), Duration.ofSeconds(10))
          .execute(RuntimeCommands.showStat("be_web"));

      assertThat(answer).isEqualTo(CapturedAnswers.SHOW_STAT);
      assertThat(answered.get()).isEqualTo("show stat be_web 4 -1\n");
    }
  }

  @Test
  void aCommandThatMustNotRunTwiceIsNotSentAgainAfterAReset() throws Exception {
    Path socket = dir.resolve("admin.sock");
    try (ServerSocketChannel server = listen(socket)) {
      resetOnce(server);
      HaproxyRuntime runtime = new HaproxyRuntime(socket, Duration.ofSeconds(5), Duration.ofSeconds(10));

      assertThatThrownBy(() -> runtime.execute(RuntimeCommands.deleteServer("be_web", "b")))
          .isInstanceOf(HaproxyUnreachableException.class)
          .hasMessageStartingWith("Could not run 'del server be_web/b' on HAProxy's admin socket " + socket + ": ");
      server.configureBlocking(false);
      assertThat(server.accept()).as("a second connection").isNull();
    }
  }

  @Test
  void onlyReadsAndStateSettingCommandsAreRepeatable() {
    assertThat(RuntimeCommands.showStat("be_web").repeatable()).isTrue();
    assertThat(RuntimeCommands.setWeight("be_web", "b", 10).repeatable()).isTrue();
    assertThat(RuntimeCommands.enableServer("be_web", "b").repeatable()).isTrue();
    assertThat(RuntimeCommands.deleteServer("be_web", "b").repeatable()).isFalse();
    assertThat(RuntimeCommands.reload().repeatable()).isFalse();
  }

  @Test
  void doesNotWaitWhenTheSocketCannotBeUsedAtAll() {
    Path notASocket = dir.resolve("x".repeat(120) + ".sock"); // longer than a Unix socket path may be
    HaproxyRuntime runtime = new HaproxyRuntime(notASocket, Duration.ofSeconds(5), Duration.ofSeconds(30));

    long start = System.nanoTime();
    assertThatThrownBy(() -> runtime.execute(RuntimeCommands.showInfo()))
        .isInstanceOf(HaproxyUnreachableException.class)
        .hasMessageStartingWith("Could not run 'show info' on HAProxy's admin socket " + notASocket + ": ");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private static ServerSocketChannel listen(Path socket) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    return server;
  }

  /** Accepts one connection and closes it with the command unread, as a stopping HAProxy does. */
  private static CompletableFuture<Void> resetOnce(ServerSocketChannel server) {
    return CompletableFuture.runAsync(
        () -> {
          try (SocketChannel client = server.accept()) {
            Thread.sleep(200); // the command arrives and stays unread: closing now resets the connection
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Accepts one connection, reads one line, writes the answer for it and closes. */
  private static CompletableFuture<String> answerOnce(ServerSocketChannel server, Function<String, String> answer) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (SocketChannel client = server.accept()) {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            StringBuilder line = new StringBuilder();
            while (line.indexOf("\n") < 0 && client.read(buffer) >= 0) {
              line.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
              buffer.clear();
            }
            client.write(ByteBuffer.wrap(answer.apply(line.toString()).getBytes(StandardCharsets.UTF_8)));
            return line.toString();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
