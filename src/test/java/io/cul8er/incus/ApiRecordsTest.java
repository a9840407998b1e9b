package io.cul8er.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.FilePush;
import io.cul8er.incus.api.InstancePut;
import io.cul8er.incus.api.Operation;
import io.cul8er.incus.api.IncusJson;
import io.cul8er.model.InstanceType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payload records: their guards, copies and JSON. */
class ApiRecordsTest {

  @Test
  void filePushNeedsAnAbsolutePathAndComparesByContent() {
    assertThatThrownBy(() -> FilePush.of("etc/x", "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A file path inside an instance must be absolute: etc/x");
    FilePush push = FilePush.of("/etc/x", "abc").withOwner(1, 2).withMode(0600);
    assertThat(push).isEqualTo(new FilePush("/etc/x", "abc".getBytes(StandardCharsets.UTF_8), 1,
        2, 0600));
    assertThat(push).hasSameHashCodeAs(FilePush.of("/etc/x", "abc").withOwner(1, 2)
        .withMode(0600));
    assertThat(push).isNotEqualTo(FilePush.of("/etc/x", "abd").withOwner(1, 2).withMode(0600));
    assertThat(push).hasToString("FilePush[/etc/x, 3 bytes, uid=1, gid=2, mode=0600]");
  }

  @Test
  void execCommandNeedsAProgram() {
    assertThatThrownBy(() -> ExecCommand.of())
        .hasMessage("An exec command needs at least a program name");
  }

  @Test
  void putCopiesAreIndependentAndProfilesCanChange() {
    InstancePut put = new InstancePut(null, null, null, false, null, false, null);

    InstancePut changed = put.withConfig("user.a", "1").withProfiles(List.of("default", "web"));

    assertThat(put.config()).isEmpty();
    assertThat(put.architecture()).isEmpty();
    assertThat(changed.config()).isEqualTo(Map.of("user.a", "1"));
    assertThat(changed.profiles()).containsExactly("default", "web");
  }

  @Test
  void operationReadsClassAndTreatsCancelledAsFailed() throws Exception {
    Operation op = IncusJson.MAPPER.readValue("{\"id\":\"1\",\"class\":\"task\","
        + "\"status\":\"Cancelled\",\"status_code\":401,\"resources\":null,\"err\":null}",
        Operation.class);

    assertThat(op.operationClass()).isEqualTo("task");
    assertThat(op.failed()).isTrue();
    assertThat(op.isRunning()).isFalse();
    assertThat(op.resources()).isEmpty();
  }

  @Test
  void unknownInstanceTypeIsRefusedNamingIt() {
    assertThatThrownBy(() -> IncusJson.MAPPER.readValue("\"zone\"", InstanceType.class))
        .hasMessageContaining("not an Incus instance type");
  }
}
