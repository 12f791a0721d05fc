package io.tideline.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keytool helper: a usable localhost keystore, a truststore with only the certificate. */
class TestCertificatesTest {

  @TempDir static Path dir;
  private static TestCertificates certs;

  @BeforeAll
  static void generate() {
    certs = TestCertificates.generate(dir);
  }

  private static KeyStore load(Path file, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance(TestCertificates.STORE_TYPE);
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, password.toCharArray());
    }
    return ks;
  }

  @Test
  void generate_writesAKeyStoreWithAKeyForLocalhostAndLoopback() throws Exception {
    KeyStore ks = load(certs.keyStore(), certs.keyStorePassword());
    List<String> aliases = Collections.list(ks.aliases());
    assertThat(aliases).hasSize(1);
    String alias = aliases.get(0);
    assertThat(ks.isKeyEntry(alias)).isTrue();
    assertThat(ks.getKey(alias, certs.keyStorePassword().toCharArray())).isNotNull();
    X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=localhost");
    Collection<List<?>> san = cert.getSubjectAlternativeNames();
    // Type 2 is a DNS name, 7 an IP address (RFC 5280).
    assertThat(san).contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    cert.checkValidity();
  }

  @Test
  void generate_writesATrustStoreHoldingOnlyTheCertificate() throws Exception {
    KeyStore ks = load(certs.keyStore(), certs.keyStorePassword());
    KeyStore ts = load(certs.trustStore(), certs.trustStorePassword());
    List<String> aliases = Collections.list(ts.aliases());
    assertThat(aliases).hasSize(1);
    assertThat(ts.isCertificateEntry(aliases.get(0))).isTrue();
    assertThat(ts.getCertificate(aliases.get(0)))
        .isEqualTo(ks.getCertificate(Collections.list(ks.aliases()).get(0)));
  }

  @Test
  void passwords_areRandomAndGuardTheStores() {
    assertThat(certs.keyStorePassword()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(certs.trustStorePassword()).isNotEqualTo(certs.keyStorePassword());
    assertThatThrownBy(() -> load(certs.trustStore(), "not-the-password"))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void toString_andClientProperties_neverShowTheKeyStorePassword() {
    assertThat(certs.toString())
        .contains(certs.trustStore().toString())
        .doesNotContain(certs.keyStorePassword())
        .doesNotContain(certs.trustStorePassword());
    assertThat(certs.clientTrustProperties())
        .containsEntry("ssl.truststore.location", certs.trustStore().toString())
        .containsEntry("ssl.truststore.password", certs.trustStorePassword())
        .containsEntry("ssl.truststore.type", "PKCS12")
        .doesNotContainValue(certs.keyStorePassword());
  }
}
