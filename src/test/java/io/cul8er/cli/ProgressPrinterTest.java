package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.engine.ApplyEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private final StringWriter text = new StringWriter();

  @Test
  void plainModePrintsOneLinePerEvent() {
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), false);

    printer.on(new ApplyEvent.StepStarted("local", "demo-web", "create demo-web from cul8er/busybox"));
    printer.on(new ApplyEvent.StepFinished("local", "demo-web", "create demo-web from cul8er/busybox", Duration.ofMillis(420)));
    printer.on(new ApplyEvent.InstanceReady("local", "demo-web", "10.147.0.5"));
    printer.on(new ApplyEvent.StepFailed("local", "demo-db", "create demo-db from nope", "image 'nope' does not exist"));
    printer.on(new ApplyEvent.StepSkipped("local", "demo-db", "start demo-db", "interrupted"));

    assertThat(text.toString()).isEqualTo("""
        [local] demo-web: create demo-web from cul8er/busybox...
        [local] demo-web: done: create demo-web from cul8er/busybox (0.4 s)
        [local] demo-web: ready at 10.147.0.5
        [local] demo-db: FAILED: create demo-db from nope: image 'nope' does not exist
        [local] demo-db: skipped: start demo-db (interrupted)
        """);
  }

  @Test
  void liveModeRedrawsOneLinePerInstanceNamedWithItsHostAndKeepsTheAddressOnceReady() {
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), true);

    printer.on(new ApplyEvent.StepStarted("local", "demo-web", "start demo-web"));
    printer.on(new ApplyEvent.StepStarted("web_2", "demo-db", "start demo-db"));
    printer.on(new ApplyEvent.InstanceReady("local", "demo-web", "10.147.0.5"));
    printer.on(new ApplyEvent.StepFinished("local", "demo-web", "wait until demo-web runs", Duration.ofMillis(80)));

    String screen = text.toString();
    String lastFrame = screen.substring(screen.lastIndexOf("\u001b[2A") + "\u001b[2A".length());
    assertThat(lastFrame).isEqualTo(
        "\u001b[2K  [local] demo-web  ready at 10.147.0.5\n"
            + "\u001b[2K  [web_2] demo-db   start demo-db...\n");
  }

  @Test
  void theFirstLiveFrameIsDrawnWithoutMovingUp() {
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), true);

    printer.on(new ApplyEvent.StepStarted("local", "demo-web", "start demo-web"));

    assertThat(text).hasToString("\u001b[2K  [local] demo-web  start demo-web...\n");
  }
}
