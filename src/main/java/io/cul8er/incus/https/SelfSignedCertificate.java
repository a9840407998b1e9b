package io.cul8er.incus.https;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes the ECDSA P-384 key and self-signed TLS client certificate Incus prefers. */
final class SelfSignedCertificate {
  static final Duration VALIDITY = Duration.ofDays(3650);

  private SelfSignedCertificate() {}

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp384r1"), new SecureRandom());
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM can make ECDSA P-384 keys", e);
    }
  }

  /** A client certificate for {@code keys}, valid from {@code now} for {@link #VALIDITY}. */
  static X509Certificate clientCertificate(KeyPair keys, String commonName, Instant now) {
    X500Principal subject = new X500Principal("CN=" + commonName + ", O=C U L8er");
    BigInteger serial = new BigInteger(128, new SecureRandom());
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        subject, serial, Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(keys.getPrivate())));
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("Could not make a self-signed certificate for " + subject, e);
    }
  }
}
