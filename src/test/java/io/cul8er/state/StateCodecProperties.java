package io.cul8er.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.InstanceType;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any snapshot survives {@link StateCodec} unchanged. */
class StateCodecProperties {

  @Property(tries = 300)
  void encodeThenDecodeGivesTheSameSnapshot(@ForAll("snapshots") StateSnapshot snapshot) {
    assertThat(StateCodec.decode(StateCodec.encode(snapshot), "test")).isEqualTo(snapshot);
  }

  @Provide
  Arbitrary<StateSnapshot> snapshots() {
    Arbitrary<Instant> instants =
        Arbitraries.longs()
            .between(0, 4_102_444_800L)
            .flatMap(
                s ->
                    Arbitraries.integers()
                        .between(0, 999_999_999)
                        .map(n -> Instant.ofEpochSecond(s, n)));
    return Combinators.combine(
            text().filter(s -> !s.isBlank()),
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            text(),
            instants,
            instances().list().ofMaxSize(5))
        .as(
            (lineage, serial, topology, at, instances) ->
                new StateSnapshot(
                    StateSnapshot.FORMAT_VERSION, lineage, serial, topology, at, instances));
  }

  private Arbitrary<RecordedInstance> instances() {
    Arbitrary<Map<String, String>> config = Arbitraries.maps(text(), text()).ofMaxSize(4);
    return Combinators.combine(
            text(),
            text(),
            Arbitraries.integers().between(0, 1000),
            text(),
            Arbitraries.of(InstanceType.class),
            config,
            Arbitraries.maps(text(), config).ofMaxSize(3),
            text().optional())
        .as(
            (name, resource, replica, host, type, cfg, devices, version) ->
                new RecordedInstance(
                    name,
                    resource,
                    replica,
                    host,
                    type,
                    "image-" + name,
                    cfg,
                    devices,
                    "h" + name,
                    version));
  }

  /**
   * Any text: quotes, backslashes, control characters, non-ASCII, emoji. Lone UTF-16 surrogates are
   * left out because they are not text and cannot be written as UTF-8.
   */
  private static Arbitrary<String> text() {
    Arbitrary<String> plain =
        Arbitraries.strings()
            .withCharRange('\u0000', '\uD7FF')
            .withCharRange('\uE000', '\uFFFF')
            .ofMaxLength(12);
    return Arbitraries.oneOf(plain, plain.map(s -> s + "\uD83D\uDE00" + s));
  }

  @Property(tries = 1)
  void emptyOptionalVersionIsStoredAsNull() {
    RecordedInstance bare =
        new RecordedInstance(
            "a", "r", 0, "h", InstanceType.VM, "i", Map.of(), Map.of(), "x", Optional.empty());
    StateSnapshot snapshot = new StateSnapshot(1, "l", 0, "t", Instant.EPOCH, List.of(bare));

    String json = new String(StateCodec.encode(snapshot), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(json).contains("\"type\" : \"virtual-machine\"").contains("\"version\" : null");
    assertThat(StateCodec.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "t"))
        .isEqualTo(snapshot);
  }
}
