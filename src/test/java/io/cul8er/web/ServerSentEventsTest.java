package io.cul8er.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerSentEventsTest {
  @Test
  void aFrameIsItsIdItsEventOneDataLinePerLineAndABlankLine() {
    assertThat(ServerSentEvents.frame(7, "fleet", "{\"a\":1}"))
        .isEqualTo("id: 7\nevent: fleet\ndata: {\"a\":1}\n\n");
    assertThat(ServerSentEvents.frame(8, "event", "one\ntwo\r\nthree\rfour"))
        .isEqualTo("id: 8\nevent: event\ndata: one\ndata: two\ndata: three\ndata: four\n\n");
    assertThat(ServerSentEvents.frame(9, "event", "")).isEqualTo("id: 9\nevent: event\ndata: \n\n");
  }

  @Test
  void aNewViewerGetsTheLatestStatesThenTheKeptEventsAfterTheOneItSawLast() throws Exception {
    EventStream stream = new EventStream();
    stream.publishState("fleet", "f1");
    stream.publishEvent("e2");
    stream.publishState("fleet", "f3");
    stream.publishEvent("e4");

    try (EventStream.Viewer fresh = stream.subscribe(0).orElseThrow();
        EventStream.Viewer back = stream.subscribe(2).orElseThrow()) {
      stream.publishEvent("e5");

      assertThat(drain(fresh)).isEqualTo("id: 3\nevent: fleet\ndata: f3\n\nid: 2\nevent: event\ndata: e2\n\n"
          + "id: 4\nevent: event\ndata: e4\n\nid: 5\nevent: event\ndata: e5\n\n");
      assertThat(drain(back)).isEqualTo("id: 3\nevent: fleet\ndata: f3\n\nid: 4\nevent: event\ndata: e4\n\n"
          + "id: 5\nevent: event\ndata: e5\n\n");
      assertThat(stream.viewers()).isEqualTo(2);
    }
    assertThat(stream.viewers()).isZero();
  }

  @Test
  void viewersAreBoundedAndOneThatFallsBehindIsToldToLeave() {
    EventStream stream = new EventStream();
    for (int i = 0; i < EventStream.MAX_VIEWERS; i++) {
      assertThat(stream.subscribe(0)).isPresent();
    }
    assertThat(stream.subscribe(0)).isEmpty();

    EventStream other = new EventStream();
    EventStream.Viewer slow = other.subscribe(0).orElseThrow();
    for (int i = 0; i < EventStream.QUEUE; i++) {
      other.publishEvent("e" + i);
    }
    assertThat(slow.behind()).isFalse();
    other.publishEvent("one too many");
    assertThat(slow.behind()).isTrue();
  }

  private static String drain(EventStream.Viewer viewer) throws InterruptedException {
    StringBuilder text = new StringBuilder();
    for (var m = viewer.next(0); m.isPresent(); m = viewer.next(0)) {
      text.append(m.get().frame());
    }
    return text.toString();
  }
}
