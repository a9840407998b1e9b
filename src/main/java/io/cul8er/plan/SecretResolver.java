package io.cul8er.plan;

import io.cul8er.model.EnvVar;
import java.util.Optional;

/**
 * Gives the SHA-256 (lower-case hex) of a secret's current value, so a plan can notice a changed
 * secret without ever holding it. Empty when the secret cannot be read at plan time; the key
 * {@code user.cul8er.secret.NAME} is then left out of the desired config.
 */
@FunctionalInterface
public interface SecretResolver {

  Optional<String> sha256(String resource, EnvVar.Secret secret);

  /** Resolves nothing: no secret hash is recorded. */
  static SecretResolver none() {
    return (resource, secret) -> Optional.empty();
  }
}
