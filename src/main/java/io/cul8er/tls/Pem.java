package io.cul8er.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM text: certificates (a chain, leaf first) and unencrypted private keys (PKCS#8 {@code PRIVATE
 * KEY}, or OpenSSL's {@code RSA PRIVATE KEY} and {@code EC PRIVATE KEY}, as certbot and lego
 * write them). Errors name the source and never quote key material.
 */
public final class Pem {
  private Pem() {}

  /** A certificate, or a private key as PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  public static byte[] encode(Object certificateOrKey) {
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

  /** The one certificate of {@code file}. */
  public static X509Certificate readCertificate(Path file) {
    return certificates(readText(file), file.toString()).get(0);
  }

  /** The private key of {@code file}. */
  public static PrivateKey readPrivateKey(Path file) {
    return privateKey(readText(file), file.toString());
  }

  /**
   * Every certificate of {@code text}, in order; other blocks (a key bundled in the same file) are
   * skipped.
   *
   * @throws IllegalArgumentException naming {@code source} when there is none, or one is unreadable
   */
  public static List<X509Certificate> certificates(String text, String source) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object object : objects(text, source)) {
      if (object instanceof X509CertificateHolder holder) {
        try {
          certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
        } catch (CertificateException e) {
          throw new IllegalArgumentException(source + " holds a certificate Java cannot use: " + e.getMessage(), e);
        }
      }
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no PEM certificate (BEGIN CERTIFICATE)");
    }
    return List.copyOf(certificates);
  }

  /**
   * The first private key of {@code text}.
   *
   * @throws IllegalArgumentException naming {@code source} when there is none, or it is encrypted
   */
  public static PrivateKey privateKey(String text, String source) {
    for (Object object : objects(text, source)) {
      PrivateKeyInfo info = object instanceof PrivateKeyInfo pkcs8 ? pkcs8
          : object instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : null;
      if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw new IllegalArgumentException(source + " holds an encrypted private key; HAProxy and C U L8er need it"
            + " unencrypted (openssl pkey -in KEY -out KEY.plain), in a file only you may read");
      }
      if (info != null) {
        try {
          return KeyFactory.getInstance(algorithm(info)).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
          // The message may describe the key material: name only the source.
          throw new IllegalArgumentException(source + " holds a private key of a kind Java cannot use");
        }
      }
    }
    throw new IllegalArgumentException(source + " holds no unencrypted PEM private key (BEGIN PRIVATE KEY,"
        + " BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
  }

  /** The JDK's name of the key's algorithm (Bouncy Castle's converter says "ECDSA", which the JDK lacks). */
  private static String algorithm(PrivateKeyInfo info) throws NoSuchAlgorithmException {
    ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
    } else if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return "EC";
    } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return "Ed25519";
    }
    throw new NoSuchAlgorithmException(oid.getId());
  }

  private static List<Object> objects(String text, String source) {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(source + " is not valid PEM (a block is cut or corrupt)");
    }
    if (objects.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no PEM block");
    }
    return objects;
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
  }
}
