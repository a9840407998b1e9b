package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.network.ShellQuote;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {
  @Test
  void quotesOnlyWhatNeedsIt() {
    assertThat(ShellQuote.quote("incus")).isEqualTo("incus");
    assertThat(ShellQuote.quote("path=/")).isEqualTo("path=/");
    assertThat(ShellQuote.quote("")).isEqualTo("''");
    assertThat(ShellQuote.quote("a b")).isEqualTo("'a b'");
    assertThat(ShellQuote.quote("it's $HOME")).isEqualTo("'it'\\''s $HOME'");
    assertThat(ShellQuote.join(List.of("sh", "-c", "echo 'x'; exit 3"))).isEqualTo("sh -c 'echo '\\''x'\\''; exit 3'");
  }

  @Test
  void aQuotedWordComesBackThroughARealShellUnchanged() {
    String tricky = "it's \"$HOME\" `id` \\ \n end";

    assertThat(new LocalShell().run("printf %s " + ShellQuote.quote(tricky), java.time.Duration.ofSeconds(10)).stdout())
        .isEqualTo(tricky);
  }
}
