package io.cul8er.plan;

import io.cul8er.model.SecretRef;
import java.util.Optional;

/**
 * Gives the {@link SecretDigest} of a secret's current value in the state of a lineage, so a plan
 * can notice a changed secret without ever holding it. Empty when the secret cannot be read at plan
 * time; its {@code user.cul8er.secret.*} key is then left out of the desired config.
 */
@FunctionalInterface
public interface SecretResolver {

  Optional<String> digest(SecretRef secret, String lineage);

  /** Resolves nothing: no secret digest is recorded. */
  static SecretResolver none() {
    return (secret, lineage) -> Optional.empty();
  }
}
