package io.cul8er.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessTest {
  private static final String TOKEN = "s3cret-token-0123456789";
  private final Access access = new Access(Optional.of(TOKEN));

  @Test
  void withoutATokenEveryRequestIsAllowed() {
    assertThat(new Access(Optional.empty()).judge(null, List.of(), List.of())).isEqualTo(Access.Verdict.ALLOW);
  }

  @Test
  void withoutATokenOnlyLoopbackNamesAreAnsweredAgainstDnsRebinding() {
    Access open = new Access(Optional.empty());

    assertThat(List.of("127.0.0.1:9100", "localhost:9100", "LOCALHOST", "[::1]:9100", "127.0.0.2:80"))
        .allMatch(open::hostAllowed);
    assertThat(List.of("evil.example:9100", "127.0.0.1.evil.example:9100", "10.0.0.5:9100", "[::2]:9100", ""))
        .noneMatch(open::hostAllowed);
    assertThat(open.hostAllowed(null)).isFalse();
    assertThat(access.hostAllowed("dashboard.example:9100")).as("with a token the token decides").isTrue();
  }

  @Test
  void aBearerTokenIsAllowedAndAWrongOneOrNoneIsDenied() {
    assertThat(access.judge(null, List.of("Bearer " + TOKEN), List.of())).isEqualTo(Access.Verdict.ALLOW);
    assertThat(access.judge(null, List.of("bearer " + TOKEN), List.of())).isEqualTo(Access.Verdict.ALLOW);
    assertThat(access.judge(null, List.of("Bearer " + TOKEN + "x"), List.of())).isEqualTo(Access.Verdict.DENY);
    assertThat(access.judge(null, List.of("Bearer s3cret"), List.of())).isEqualTo(Access.Verdict.DENY);
    assertThat(access.judge(null, List.of("Basic " + TOKEN), List.of())).isEqualTo(Access.Verdict.DENY);
    assertThat(access.judge(null, List.of(), List.of())).isEqualTo(Access.Verdict.DENY);
  }

  @Test
  void theTokenInTheQuerySetsAnHttpOnlyStrictCookieThatHoldsADerivedValueNotTheToken() {
    assertThat(access.judge("token=" + TOKEN, List.of(), List.of())).isEqualTo(Access.Verdict.SET_COOKIE);
    assertThat(access.judge("a=1&token=s3cret-token-0123456789", List.of(), List.of()))
        .isEqualTo(Access.Verdict.SET_COOKIE);
    assertThat(access.judge("token=wrong-token-0123456789", List.of(), List.of())).isEqualTo(Access.Verdict.DENY);
    String cookie = access.setCookie();

    assertThat(cookie).matches(Access.COOKIE + "=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict")
        .doesNotContain(TOKEN);
    String value = cookie.substring(0, cookie.indexOf(';'));
    assertThat(access.judge(null, List.of(), List.of("theme=dark; " + value))).isEqualTo(Access.Verdict.ALLOW);
    assertThat(access.judge(null, List.of(), List.of(Access.COOKIE + "=" + TOKEN))).isEqualTo(Access.Verdict.DENY);
    assertThat(new Access(Optional.of(TOKEN + "2")).judge(null, List.of(), List.of(value)))
        .as("another token's cookie").isEqualTo(Access.Verdict.DENY);
  }
}
