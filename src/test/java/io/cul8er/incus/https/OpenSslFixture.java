package io.cul8er.incus.https;

/** A P-384 key and self-signed certificate made by OpenSSL, and what OpenSSL says about them. */
final class OpenSslFixture {
  /** {@code openssl x509 -noout -fingerprint -sha256} of {@link #CERTIFICATE}. */
  static final String OPENSSL_FINGERPRINT =
      "46:E7:BB:62:F8:95:EB:64:A6:D9:D5:CC:C9:73:58:EF:21:BC:29:70:DD:3D:79:BA:E3:7E:CE:37:A7:94:D6:7C";

  static final String CERTIFICATE = """
-----BEGIN CERTIFICATE-----
MIIBtzCCAT6gAwIBAgIUPS4VxggQSy+2GLGdwI2i5KFFPIswCgYIKoZIzj0EAwIw
EjEQMA4GA1UEAwwHZml4dHVyZTAgFw0yNjExMjYwMTA4NTVaGA8yMTI2MTEwMjAx
MDg1NVowEjEQMA4GA1UEAwwHZml4dHVyZTB2MBAGByqGSM49AgEGBSuBBAAiA2IA
BKEzhH19Og+xuM1dbjisHge8IiJlU/ddZiXw9wCs5w7BL2B73p8YWjHup8M4A6An
x5kNIrGgN38Yae/SfHiVw9CW7TMuRFmMMbqVdcYwNHVNRuTL3SxA2018DPgjDGxU
1qNTMFEwHQYDVR0OBBYEFLOXUGb9XFQaZ68HkTu0ExTdHEohMB8GA1UdIwQYMBaA
FLOXUGb9XFQaZ68HkTu0ExTdHEohMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0E
AwIDZwAwZAIwF2QTF7atd8+s5AXyu3efkxeJ8CJFTyfTMvy+6IInkNIg89fPWpKh
cPonsyDNzVyCAjBTWk2y/glOq/WSK4v6DEjls/vdAr0sP6t+fz5wWHmNl3Lvs9t3
2GyAXCBabB4fKnc=
-----END CERTIFICATE-----
      """;

  /** {@code openssl req -newkey ec}: PKCS#8. */
  static final String PKCS8_KEY = """
-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDBrWmyDicPW8VDhBxJG
keOSBQ2pJXO/gJYMTZ8vPzW18pEslm5MIcGM2RWrULURB9ehZANiAAShM4R9fToP
sbjNXW44rB4HvCIiZVP3XWYl8PcArOcOwS9ge96fGFox7qfDOAOgJ8eZDSKxoDd/
GGnv0nx4lcPQlu0zLkRZjDG6lXXGMDR1TUbky90sQNtNfAz4IwxsVNY=
-----END PRIVATE KEY-----
      """;

  /** {@code openssl ec}: the same key in OpenSSL's traditional format. */
  static final String EC_KEY = """
-----BEGIN EC PRIVATE KEY-----
MIGkAgEBBDBrWmyDicPW8VDhBxJGkeOSBQ2pJXO/gJYMTZ8vPzW18pEslm5MIcGM
2RWrULURB9egBwYFK4EEACKhZANiAAShM4R9fToPsbjNXW44rB4HvCIiZVP3XWYl
8PcArOcOwS9ge96fGFox7qfDOAOgJ8eZDSKxoDd/GGnv0nx4lcPQlu0zLkRZjDG6
lXXGMDR1TUbky90sQNtNfAz4IwxsVNY=
-----END EC PRIVATE KEY-----
      """;

  private OpenSslFixture() {}
}
