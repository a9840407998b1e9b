package io.cul8er.incus.https;

import io.cul8er.incus.endpoint.Body;
import io.cul8er.incus.endpoint.IncusEndpoint;
import io.cul8er.incus.endpoint.Reply;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /1.0/certificates {"type":"client","trust_token":...}}: asks the server to trust the
 * certificate of this TLS connection. Not a record, so the token never shows in a
 * {@code toString()}.
 */
final class AddCertificate implements IncusEndpoint<Void> {
  private final TrustToken token;

  AddCertificate(TrustToken token) {
    this.token = token;
  }

  @Override
  public String method() {
    return "POST";
  }

  @Override
  public String path() {
    return "/1.0/certificates";
  }

  @Override
  public Optional<Body> body() {
    return Optional.of(Body.json(Map.of("type", "client", "trust_token", token.encoded())));
  }

  @Override
  public boolean projectScoped() {
    return false;
  }

  @Override
  public String action() {
    return "trust this client's certificate with the token issued to " + token.clientName();
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }

  @Override
  public String toString() {
    return "AddCertificate[" + token + "]";
  }
}
