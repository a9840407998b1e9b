package io.cul8er.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Cul8erException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardOptionsTest {
  private static final String TOKEN = "0123456789abcdef0123";

  @TempDir Path dir;

  @Test
  void boundToAnAddressOtherThanLoopbackItRefusesToStartWithoutAToken() {
    assertThatThrownBy(() -> new DashboardOptions(DashboardOptions.address("0.0.0.0"), 9100, Optional.empty(),
        DashboardOptions.DEFAULT_REFRESH))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Refusing to serve the dashboard on 0.0.0.0:9100 without a token: bound to an address other than"
            + " loopback, it needs one (--token-file FILE, or the environment variable CUL8ER_DASHBOARD_TOKEN)");
    assertThat(new DashboardOptions(DashboardOptions.address("0.0.0.0"), 9100, Optional.of(TOKEN),
        DashboardOptions.DEFAULT_REFRESH).token()).contains(TOKEN);
    assertThat(new DashboardOptions(DashboardOptions.address("::1"), 0, Optional.empty(),
        DashboardOptions.DEFAULT_REFRESH).token()).isEmpty();
  }

  @Test
  void aShortTokenIsRefusedAndNoTokenIsEverShown() {
    assertThatThrownBy(() -> new DashboardOptions(DashboardOptions.address("127.0.0.1"), 0, Optional.of("short"),
        DashboardOptions.DEFAULT_REFRESH))
        .hasMessage("The dashboard token is 5 characters long; it must have at least 16 (for example"
            + " `openssl rand -hex 32`)");
    assertThat(new DashboardOptions(DashboardOptions.address("127.0.0.1"), 9100, Optional.of(TOKEN),
        DashboardOptions.DEFAULT_REFRESH))
        .hasToString("DashboardOptions[bind=127.0.0.1, port=9100, token=(set), refresh=PT3S]");
  }

  @Test
  void theTokenComesFromItsFileElseFromTheEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThat(DashboardOptions.token(Optional.of(file), Map.of(DashboardOptions.TOKEN_VARIABLE, "other")))
        .contains(TOKEN);
    assertThat(DashboardOptions.token(Optional.empty(), Map.of(DashboardOptions.TOKEN_VARIABLE, " " + TOKEN + " ")))
        .contains(TOKEN);
    assertThat(DashboardOptions.token(Optional.empty(), Map.of())).isEmpty();
    assertThatThrownBy(() -> DashboardOptions.token(Optional.of(dir.resolve("absent")), Map.of()))
        .hasMessageStartingWith("Cannot read the dashboard token from " + dir.resolve("absent") + ": ");
  }

  @Test
  void aTokenFileOthersMayReadIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), TOKEN);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> DashboardOptions.token(Optional.of(file), Map.of()))
        .hasMessage("Refusing the dashboard token in " + file + ": others than its owner may read it (chmod 600 "
            + file + ")");
  }
}
