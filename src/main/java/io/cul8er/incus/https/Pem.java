package io.cul8er.incus.https;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM files for one certificate or one private key (PKCS#8, or OpenSSL's EC format on read). */
final class Pem {

  private Pem() {}

  /** A certificate, or a private key as PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  static byte[] encode(Object certificateOrKey) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      if (certificateOrKey instanceof PrivateKey key) {
        writer.writeObject(new JcaPKCS8Generator(key, null));
      } else {
        writer.writeObject(certificateOrKey);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not encode a " + certificateOrKey.getClass().getSimpleName() + " as PEM", e);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static X509Certificate readCertificate(Path file) {
    Object object = read(file);
    if (!(object instanceof X509CertificateHolder holder)) {
      throw new IllegalArgumentException(file + " does not hold a PEM certificate");
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + " holds a certificate Java cannot use: " + e.getMessage(), e);
    }
  }

  /** An EC private key, PKCS#8 ({@code PRIVATE KEY}) or OpenSSL's {@code EC PRIVATE KEY}. */
  static PrivateKey readPrivateKey(Path file) {
    Object object = read(file);
    PrivateKeyInfo info;
    if (object instanceof PrivateKeyInfo pkcs8) {
      info = pkcs8;
    } else if (object instanceof PEMKeyPair pair) {
      info = pair.getPrivateKeyInfo();
    } else {
      throw new IllegalArgumentException(file + " does not hold an unencrypted PEM private key");
    }
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (IOException | GeneralSecurityException e) {
      // The message may describe the key material: name only the file.
      throw new IllegalArgumentException(file + " does not hold an EC private key Java can use");
    }
  }

  private static Object read(Path file) {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      Object object = parser.readObject();
      if (object == null) {
        throw new IllegalArgumentException(file + " holds no PEM block");
      }
      return object;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
  }
}
