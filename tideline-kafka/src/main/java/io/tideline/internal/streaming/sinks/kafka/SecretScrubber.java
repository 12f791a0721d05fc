package io.tideline.internal.streaming.sinks.kafka;

import io.tideline.internal.conf.Redaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.KafkaException;

/**
 * Removes the values of secret options from the text of Kafka's exceptions before they become a
 * Tideline error, a log line or a progress message.
 *
 * <p>Why this is needed besides {@link Redaction}: Kafka's clients sometimes quote part of a
 * setting back. A JAAS config with a typo fails with, for example, "Invalid login module control
 * flag '&lt;the password&gt;'", so the password would reach the query's exception. The scrubber
 * knows each secret option's whole value, the quoted values inside it ({@code password="..."}) and
 * its bare words, and replaces any of them found in a message with {@link Redaction#REDACTED}.
 */
final class SecretScrubber {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  private static final Set<String> JAAS_WORDS =
      Set.of("required", "requisite", "sufficient", "optional");

  /** Shorter fragments would also match ordinary words of a message. */
  private static final int MIN_LENGTH = 4;

  private final List<String> secrets;

  private SecretScrubber(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A scrubber for the secret values among {@code options} (keys as the user gave them). */
  static SecretScrubber of(Map<String, String> options) {
    Set<String> found = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String v = e.getValue();
      if (v == null || !Redaction.isSecretKey(e.getKey())) {
        continue;
      }
      add(found, v.trim());
      Matcher m = QUOTED.matcher(v);
      while (m.find()) {
        add(found, m.group(1));
      }
      for (String word : v.split("[\\s;]+")) {
        int eq = word.indexOf('=');
        String bare = (eq >= 0 ? word.substring(eq + 1) : word).replace("\"", "").replace("'", "");
        // Module class names and control flags are not secret and keep messages useful.
        if (!bare.contains(".") && !JAAS_WORDS.contains(bare)) {
          add(found, bare);
        }
      }
    }
    List<String> sorted = new ArrayList<>(found);
    // Longest first, so a secret containing another is replaced whole.
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return new SecretScrubber(List.copyOf(sorted));
  }

  private static void add(Set<String> found, String value) {
    if (value.length() >= MIN_LENGTH) {
      found.add(value);
    }
  }

  /** {@code text} with every known secret replaced. */
  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, Redaction.REDACTED);
    }
    return out;
  }

  /**
   * {@code error} itself when no message in its cause chain holds a secret; otherwise a {@link
   * KafkaException} with the chain's messages scrubbed and the original's stack trace, and no
   * cause, so nothing that logs it can print the secret.
   */
  Throwable scrub(Throwable error) {
    boolean leaks = false;
    StringBuilder chain = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      leaks |= !m.equals(scrub(m));
      chain.append(chain.length() == 0 ? "" : "; caused by ").append(t.getClass().getName());
      chain.append(": ").append(scrub(m));
      if (t.getCause() == t) {
        break;
      }
    }
    if (!leaks) {
      return error;
    }
    KafkaException clean = new KafkaException(chain.toString());
    clean.setStackTrace(error.getStackTrace());
    return clean;
  }
}
