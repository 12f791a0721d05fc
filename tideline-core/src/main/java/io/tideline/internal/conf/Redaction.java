package io.tideline.internal.conf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides secrets in options before they are shown anywhere (messages, logs, progress, {@code
 * toString}): Spark's default {@code spark.redaction.regex} plus the Kafka and Event Hubs keys that
 * carry credentials ({@code sasl.jaas.config}, connection strings, a PEM private key in {@code
 * ssl.keystore.key}, an OAuth assertion key's passphrase).
 */
public final class Redaction {

  /** What a hidden value is replaced with, as Spark writes it. */
  public static final String REDACTED = "*********(redacted)";

  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i)secret|password|passphrase|token|access[.]?key|keystore[.]key|private[.]key|jaas"
              + "|credential|connectionstring|sasl[.]login");

  private Redaction() {}

  /** Whether the value of option {@code key} is a secret. */
  public static boolean isSecretKey(String key) {
    return SECRET_KEY.matcher(key).find();
  }

  /** {@code options} with every secret value replaced, in the same order. */
  public static Map<String, String> redact(Map<String, String> options) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      out.put(e.getKey(), isSecretKey(e.getKey()) ? REDACTED : e.getValue());
    }
    return out;
  }
}
