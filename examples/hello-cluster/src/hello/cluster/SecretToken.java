package hello.cluster;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jgroups.Message;
import org.jgroups.auth.AuthToken;

/**
 * JGroups AUTH token for the cluster's shared secret: a member that joins must present the same
 * secret. Only its SHA-256 digest travels, never the secret itself. It keeps strangers out of the
 * view; it does not encrypt traffic.
 */
public final class SecretToken extends AuthToken {
  private byte[] digest = new byte[0];

  /** Used by JGroups to read a joining member's token. */
  public SecretToken() {}

  SecretToken(String secret) {
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  @Override
  public String getName() {
    return SecretToken.class.getName();
  }

  @Override
  public int size() {
    return Integer.BYTES + digest.length;
  }

  @Override
  public boolean authenticate(AuthToken token, Message message) {
    return token instanceof SecretToken other && MessageDigest.isEqual(digest, other.digest);
  }

  @Override
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(digest.length);
    out.write(digest);
  }

  @Override
  public void readFrom(DataInput in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > 64) {
      throw new IOException("cluster secret token of " + length + " bytes");
    }
    digest = new byte[length];
    in.readFully(digest);
  }
}
