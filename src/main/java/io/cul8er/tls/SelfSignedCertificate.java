package io.cul8er.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed ECDSA P-384 certificates: the client identity Incus prefers, and the development
 * server certificate an edge gets when the topology gives none.
 */
public final class SelfSignedCertificate {
  /** Of a client identity. */
  public static final Duration VALIDITY = Duration.ofDays(3650);
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

  private SelfSignedCertificate() {}

  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp384r1"), new SecureRandom());
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM can make ECDSA P-384 keys", e);
    }
  }

  /** A client certificate for {@code keys}, valid from {@code now} for {@link #VALIDITY}. */
  public static X509Certificate clientCertificate(KeyPair keys, String commonName, Instant now) {
    return build(keys, commonName, List.of(), KeyPurposeId.id_kp_clientAuth, now, VALIDITY);
  }

  /**
   * A server certificate for {@code keys} whose subject alternative names are {@code names} (DNS
   * names, or IP addresses written as such), valid from {@code now} for {@code validity}.
   */
  public static X509Certificate serverCertificate(KeyPair keys, List<String> names, Instant now, Duration validity) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a server certificate needs at least one name");
    }
    return build(keys, names.get(0), names, KeyPurposeId.id_kp_serverAuth, now, validity);
  }

  private static X509Certificate build(KeyPair keys, String commonName, List<String> names, KeyPurposeId purpose,
      Instant now, Duration validity) {
    X500Principal subject = new X500Principal("CN=" + commonName + ", O=C U L8er");
    BigInteger serial = new BigInteger(128, new SecureRandom());
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        subject, serial, Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(validity)), subject, keys.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (!names.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(names.stream().map(SelfSignedCertificate::generalName).toArray(GeneralName[]::new)));
      }
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(keys.getPrivate())));
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("Could not make a self-signed certificate for " + subject, e);
    }
  }

  private static GeneralName generalName(String name) {
    if (IP_LITERAL.matcher(name).matches()) {
      try {
        return new GeneralName(GeneralName.iPAddress, InetAddress.getByName(name).getHostAddress());
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: " + name, e);
      }
    }
    return new GeneralName(GeneralName.dNSName, name);
  }
}
