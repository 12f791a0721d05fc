package io.tideline.internal.conf;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.connector.SinkContext;
import io.tideline.connector.SourceContext;
import io.tideline.streaming.OutputMode;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RedactionTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$ConnectionString\""
          + " password=\"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=TOPSECRET\";";

  private static Map<String, String> options() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("kafka.bootstrap.servers", "127.0.0.1:9093");
    o.put("kafka.sasl.jaas.config", JAAS);
    o.put("kafka.ssl.truststore.password", "TOPSECRET");
    o.put("subscribe", "orders");
    return o;
  }

  @Test
  void redact_hidesSecretValuesKeepsOthers() {
    Map<String, String> r = Redaction.redact(options());
    assertThat(r)
        .containsEntry("kafka.bootstrap.servers", "127.0.0.1:9093")
        .containsEntry("subscribe", "orders")
        .containsEntry("kafka.sasl.jaas.config", Redaction.REDACTED)
        .containsEntry("kafka.ssl.truststore.password", Redaction.REDACTED);
    assertThat(r.keySet()).containsExactlyElementsOf(options().keySet());
  }

  @Test
  void isSecretKey_coversKafkasPasswordTypedClientSettings() {
    assertThat(Redaction.isSecretKey("kafka.ssl.keystore.key")).isTrue();
    assertThat(Redaction.isSecretKey("kafka.ssl.key.password")).isTrue();
    assertThat(Redaction.isSecretKey("kafka.sasl.oauthbearer.assertion.private.key.passphrase"))
        .isTrue();
    assertThat(Redaction.isSecretKey("kafka.sasl.oauthbearer.client.credentials.client.secret"))
        .isTrue();
    assertThat(Redaction.isSecretKey("fs.s3a.accesskey")).isTrue();
    assertThat(Redaction.isSecretKey("kafka.ssl.keystore.location")).isFalse();
    assertThat(Redaction.isSecretKey("kafka.bootstrap.servers")).isFalse();
    assertThat(Redaction.isSecretKey("subscribe")).isFalse();
  }

  @Test
  void contexts_toStringNeverShowSecrets() {
    SourceContext source =
        new SourceContext(
            null, options(), Optional.empty(), new StructType(), Path.of("/cp/sources/0"), null);
    SinkContext sink =
        new SinkContext(
            null,
            options(),
            new StructType(),
            OutputMode.Append(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            UUID.randomUUID(),
            Optional.empty(),
            Path.of("/cp"));
    assertThat(source.toString()).doesNotContain("TOPSECRET").contains("orders");
    assertThat(sink.toString()).doesNotContain("TOPSECRET").contains("orders");
  }
}
