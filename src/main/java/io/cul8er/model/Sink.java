package io.cul8er.model;

import java.util.List;

/**
 * Where a topology's events are sent as they happen, besides the event log. {@code events} are the
 * event types the sink receives ({@link Observability#EVENTS}).
 */
public sealed interface Sink extends Positioned {

  List<String> events();

  /** What the sink is called in messages: {@code webhook https://hooks.example.com/deploys}. */
  String label();

  /** Each event is a signed JSON POST to {@code url}; {@code secret} is the HMAC key. */
  record Webhook(String url, SecretRef secret, List<String> events, SourcePos pos) implements Sink {
    public Webhook {
      events = List.copyOf(events);
    }

    @Override
    public String label() {
      return "webhook " + url;
    }
  }

  /** Each event is the standard input of one run of {@code run} (a program and its arguments, no shell). */
  record Command(List<String> run, List<String> events, SourcePos pos) implements Sink {
    public Command {
      run = List.copyOf(run);
      events = List.copyOf(events);
    }

    @Override
    public String label() {
      return "command " + String.join(" ", run);
    }
  }
}
