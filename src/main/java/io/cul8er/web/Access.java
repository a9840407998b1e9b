package io.cul8er.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may read the dashboard. Without a token, everyone who can reach it (loopback only, see
 * {@link DashboardOptions}). With one, a request needs {@code Authorization: Bearer TOKEN} (for
 * API clients and Prometheus), or the session cookie; {@code ?token=TOKEN} once, from a browser, is
 * answered with that cookie (HttpOnly, SameSite=Strict) and a redirect to the same page without the
 * token in its address. The cookie holds a value derived from the token, not the token. Every
 * comparison takes the same time whatever the guess.
 */
final class Access {
  static final String COOKIE = "cul8er_dashboard";

  /** What to do with a request. */
  enum Verdict { ALLOW, SET_COOKIE, DENY }

  private final Optional<byte[]> token;
  private final Optional<String> session;

  Access(Optional<String> token) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.session = token.map(Access::sessionOf);
  }

  /**
   * The verdict on a request with this raw query string (may be null) and these {@code
   * Authorization} and {@code Cookie} header values.
   */
  Verdict judge(String rawQuery, List<String> authorization, List<String> cookies) {
    if (token.isEmpty()) {
      return Verdict.ALLOW;
    }
    for (String header : authorization) {
      if (header.regionMatches(true, 0, "Bearer ", 0, 7) && matches(header.substring(7).strip())) {
        return Verdict.ALLOW;
      }
    }
    for (String header : cookies) {
      for (String cookie : header.split(";")) {
        String[] pair = cookie.strip().split("=", 2);
        if (pair.length == 2 && pair[0].equals(COOKIE)
            && MessageDigest.isEqual(digest(pair[1].getBytes(StandardCharsets.UTF_8)),
                digest(session.get().getBytes(StandardCharsets.UTF_8)))) {
          return Verdict.ALLOW;
        }
      }
    }
    return queryToken(rawQuery).filter(this::matches).isPresent() ? Verdict.SET_COOKIE : Verdict.DENY;
  }

  /**
   * Whether a request without a token may be answered for this {@code Host} header: only when it
   * names a loopback address or {@code localhost}, so that a web page whose name an attacker points
   * at 127.0.0.1 (DNS rebinding) cannot read the dashboard from a visitor's browser. With a token
   * any name is fine: the token decides.
   */
  boolean hostAllowed(String host) {
    if (token.isPresent()) {
      return true;
    }
    if (host == null) {
      return false;
    }
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
        : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
    return LOOPBACK_NAMES.contains(name.toLowerCase(java.util.Locale.ROOT)) || name.matches("127(\\.\\d{1,3}){3}");
  }

  private static final java.util.Set<String> LOOPBACK_NAMES = java.util.Set.of("localhost", "[::1]");

  /** The {@code Set-Cookie} header value that {@link Verdict#SET_COOKIE} answers with. */
  String setCookie() {
    return COOKIE + "=" + session.orElseThrow() + "; Path=/; HttpOnly; SameSite=Strict";
  }

  private boolean matches(String given) {
    return MessageDigest.isEqual(digest(given.getBytes(StandardCharsets.UTF_8)), digest(token.orElseThrow()));
  }

  private static Optional<String> queryToken(String rawQuery) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String parameter : rawQuery.split("&")) {
      if (parameter.startsWith("token=")) {
        return Optional.of(URLDecoder.decode(parameter.substring(6), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /** Digests first, so that the comparison takes as long whatever the length of the guess. */
  private static byte[] digest(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  private static String sessionOf(String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal("cul8er dashboard session".getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no HmacSHA256", e);
    }
  }
}
