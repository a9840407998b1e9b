package io.cul8er.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class EnvFileTest {

  @Test
  void writesOneSingleQuotedExportPerVariableInOrder() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RELEASE_NODE", "a@10.0.0.1");
    env.put("ERL_AFLAGS", "-kernel inet_dist_listen_min 9100");
    env.put("ODD", "it's $HOME `x`");

    assertThat(EnvFile.render(env)).isEqualTo("""
        # Written by C U L8er: the cluster environment. Do not edit.
        export RELEASE_NODE='a@10.0.0.1'
        export ERL_AFLAGS='-kernel inet_dist_listen_min 9100'
        export ODD='it'\\''s $HOME `x`'
        """);
  }

  @Test
  void refusesANameTheShellCannotSet() {
    assertThatThrownBy(() -> EnvFile.render(Map.of("A-B", "x")))
        .hasMessage("cannot write environment variable 'A-B': not a shell variable name");
  }

  /** Whatever the value, sourcing the file gives the shell exactly that value back. */
  @Property(tries = 25)
  void sourcingTheFileRestoresEveryValue(@ForAll @StringLength(max = 40) @AlphaChars @NumericChars
      @Chars({'\'', '"', '$', '`', '\\', '\n', ' ', '*', ';', '&', '|', '(', ')', '!', '~', '#', '='})
      String value)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile("env-", ".sh");
    try {
      Files.writeString(file, EnvFile.render(Map.of("VALUE", value)), StandardCharsets.UTF_8);
      Process sh = new ProcessBuilder("sh", "-c", ". \"$1\" && printf %s \"$VALUE\"", "sh", file.toString())
          .redirectErrorStream(true).start();
      byte[] printed = sh.getInputStream().readAllBytes();
      assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(new String(printed, StandardCharsets.UTF_8)).isEqualTo(value);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
