package io.tideline.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed TLS certificate for {@code localhost} and {@code 127.0.0.1}, as a PKCS12 keystore
 * (for a broker's SSL or SASL_SSL listener) and a truststore holding only the certificate (for
 * clients), generated at run time with the JDK's {@code keytool}: for tests and demos, never for
 * production.
 *
 * <p>{@link #generate(Path)} writes {@code localhost.keystore.p12} and {@code
 * localhost.truststore.p12} into a folder with fresh random passwords (one {@code keytool} run
 * makes the key and certificate; the truststore is copied from it with the {@link KeyStore} API);
 * {@link #localhost()} does it once per JVM in a temporary folder deleted at exit, which is what
 * {@link EmbeddedKafkaBroker} uses unless it is given others. The certificate has no CA: clients
 * trust it directly, and Kafka's default host name check ({@code
 * ssl.endpoint.identification.algorithm=https}) passes because its subject alternative names are
 * {@code dns:localhost} and {@code ip:127.0.0.1}.
 *
 * <p>Why a {@code keytool} process rather than {@code sun.security.tools.keytool} or hand-made
 * certificates: the JDK exposes no public API to create a certificate, and the tool's command line
 * is a stable interface. Passwords reach it through its environment ({@code -storepass:env}), never
 * its command line, so they do not show up in process listings. About half a second per {@code
 * generate}.
 *
 * <p>{@link #toString()} shows the paths, not the passwords.
 */
public final class TestCertificates {

  /** The keystore type of both stores. */
  public static final String STORE_TYPE = "PKCS12";

  private static final String ALIAS = "localhost";
  private static final String DNAME = "CN=localhost, OU=Tideline tests, O=Tideline";
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private static volatile TestCertificates localhost;

  private final Path keyStore;
  private final String keyStorePassword;
  private final Path trustStore;
  private final String trustStorePassword;

  private TestCertificates(
      Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {
    this.keyStore = keyStore;
    this.keyStorePassword = keyStorePassword;
    this.trustStore = trustStore;
    this.trustStorePassword = trustStorePassword;
  }

  /**
   * The JVM's shared localhost certificate, generated on first use into a temporary folder that is
   * deleted when the JVM exits.
   */
  public static TestCertificates localhost() {
    TestCertificates c = localhost;
    if (c == null) {
      synchronized (TestCertificates.class) {
        c = localhost;
        if (c == null) {
          Path dir;
          try {
            dir = Files.createTempDirectory("tideline-certs-");
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder for test certificates", e);
          }
          c = generate(dir);
          deleteOnExit(dir, c);
          localhost = c;
        }
      }
    }
    return c;
  }

  /**
   * Generates a new key pair and self-signed certificate for {@code localhost}/{@code 127.0.0.1}
   * (EC P-256, valid for ten years) into {@code dir}, which must exist; replaces the files if they
   * are there.
   *
   * @throws IllegalStateException when {@code keytool} cannot be found or fails
   */
  public static TestCertificates generate(Path dir) {
    Objects.requireNonNull(dir, "dir");
    Path keyStore = dir.resolve("localhost.keystore.p12");
    Path trustStore = dir.resolve("localhost.truststore.p12");
    String keyStorePassword = randomPassword();
    String trustStorePassword = randomPassword();
    try {
      Files.deleteIfExists(keyStore);
      Files.deleteIfExists(trustStore);
      keytool(
          Map.of("TL_STOREPASS", keyStorePassword),
          "-genkeypair",
          "-alias",
          ALIAS,
          // An EC key takes a fraction of an RSA key's generation time and TLS handshake work.
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-validity",
          "3650",
          "-dname",
          DNAME,
          "-ext",
          "SAN=dns:localhost,ip:127.0.0.1",
          "-storetype",
          STORE_TYPE,
          "-keystore",
          keyStore.toString(),
          // A PKCS12 store has one password for the store and its keys.
          "-storepass:env",
          "TL_STOREPASS");
      writeTrustStore(keyStore, keyStorePassword, trustStore, trustStorePassword);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write test certificates into " + dir, e);
    }
    return new TestCertificates(keyStore, keyStorePassword, trustStore, trustStorePassword);
  }

  /** The PKCS12 keystore with the private key and certificate, for a broker's TLS listener. */
  public Path keyStore() {
    return keyStore;
  }

  /** The password of {@link #keyStore()} and of the key in it. */
  public String keyStorePassword() {
    return keyStorePassword;
  }

  /** The PKCS12 truststore holding only the certificate, for clients. */
  public Path trustStore() {
    return trustStore;
  }

  /** The password of {@link #trustStore()}. */
  public String trustStorePassword() {
    return trustStorePassword;
  }

  /**
   * The Kafka client settings that make a client trust this certificate: {@code
   * ssl.truststore.location}, {@code ssl.truststore.password}, {@code ssl.truststore.type}.
   */
  public Properties clientTrustProperties() {
    Properties p = new Properties();
    p.setProperty("ssl.truststore.location", trustStore.toString());
    p.setProperty("ssl.truststore.password", trustStorePassword);
    p.setProperty("ssl.truststore.type", STORE_TYPE);
    return p;
  }

  @Override
  public String toString() {
    return "TestCertificates[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
  }

  private static void keytool(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(keytoolPath().toString());
    // A short-lived tool: the client compiler and serial GC start it in a fraction of the time.
    command.add("-J-XX:TieredStopAtLevel=1");
    command.add("-J-XX:+UseSerialGC");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    String what = "keytool " + args[0];
    try {
      Process p = pb.start();
      byte[] output;
      try (InputStream in = p.getInputStream()) {
        output = in.readAllBytes();
      }
      if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            what + " did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            what
                + " failed with exit code "
                + p.exitValue()
                + ": "
                + new String(output, StandardCharsets.UTF_8).trim());
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot run " + command.get(0) + " to generate test certificates", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + what, e);
    }
  }

  /**
   * Copies the certificate, without its key, into a new truststore. The JDK's {@link KeyStore} API
   * does this in-process, where {@code keytool} would need two more processes (export, import).
   */
  private static void writeTrustStore(
      Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword)
      throws IOException {
    try {
      KeyStore keys = KeyStore.getInstance(STORE_TYPE);
      try (InputStream in = Files.newInputStream(keyStore)) {
        keys.load(in, keyStorePassword.toCharArray());
      }
      Certificate certificate = keys.getCertificate(ALIAS);
      KeyStore trust = KeyStore.getInstance(STORE_TYPE);
      trust.load(null, null);
      trust.setCertificateEntry(ALIAS, certificate);
      try (OutputStream out = Files.newOutputStream(trustStore)) {
        trust.store(out, trustStorePassword.toCharArray());
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build the truststore " + trustStore, e);
    }
  }

  /** The running JDK's keytool, else {@code $JAVA_HOME/bin/keytool}. */
  private static Path keytoolPath() {
    String exe =
        System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe" : "keytool";
    Path own = Path.of(System.getProperty("java.home"), "bin", exe);
    if (Files.isExecutable(own)) {
      return own;
    }
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && Files.isExecutable(Path.of(javaHome, "bin", exe))) {
      return Path.of(javaHome, "bin", exe);
    }
    throw new IllegalStateException(
        "Cannot find keytool in "
            + own.getParent()
            + " nor in $JAVA_HOME/bin: run on a full JDK (17 or newer), or set JAVA_HOME to one.");
  }

  private static String randomPassword() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void deleteOnExit(Path dir, TestCertificates c) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(c.keyStore);
                    Files.deleteIfExists(c.trustStore);
                    Files.deleteIfExists(dir);
                  } catch (IOException e) {
                    // A leftover temp folder is harmless at JVM exit.
                  }
                },
                "tideline-certs-cleanup"));
  }
}
