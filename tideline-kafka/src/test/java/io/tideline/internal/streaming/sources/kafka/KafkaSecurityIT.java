package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.kafka.EmbeddedKafkaBroker;
import io.tideline.kafka.TestCertificates;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's secured Kafka configurations end to end through the public API, against one embedded
 * broker with SASL_SSL and SASL_PLAINTEXT listeners: SASL_SSL with PLAIN and an API key, and Azure
 * Event Hubs' form (user {@code $ConnectionString}, the connection string as password). The options
 * are the seed's, with the broker's address and test credentials; the truststore is added because
 * the embedded broker's certificate is self-signed, where Event Hubs' is signed by a public CA.
 */
class KafkaSecurityIT {
  private static final String API_KEY_USER = "apikey";
  private static final String API_KEY = "test-api-key-5d1c";
  private static final String EH_CONN =
      "Endpoint=sb://127.0.0.1/;SharedAccessKeyName=RootManageSharedAccessKey;"
          + "SharedAccessKey=dGVzdC1ldmVudC1odWJzLWtleQ==";

  /** Bounds the wait for a failure far below Kafka's 60 s default API timeout. */
  private static final long PROMPT_MS = 20_000;

  private static EmbeddedKafkaBroker broker;
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    broker =
        EmbeddedKafkaBroker.builder()
            .withListener(SecurityProtocol.SASL_SSL)
            .withListener(SecurityProtocol.SASL_PLAINTEXT)
            .withUser(API_KEY_USER, API_KEY)
            .withUser("$ConnectionString", EH_CONN)
            .start();
    t = Tideline.builder().appName("kafka-security-it").getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (t != null) {
      t.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /** The truststore options a client of the self-signed embedded broker adds. */
  private static Map<String, String> trust() {
    TestCertificates certs = broker.certificates();
    Map<String, String> o = new LinkedHashMap<>();
    o.put("kafka.ssl.truststore.location", certs.trustStore().toString());
    o.put("kafka.ssl.truststore.password", certs.trustStorePassword());
    o.put("kafka.ssl.truststore.type", TestCertificates.STORE_TYPE);
    return o;
  }

  /** The seed's "Reading from Kafka" options, with the embedded broker and a test API key. */
  private static Map<String, String> seedSaslSsl(String topic, String password) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("kafka.bootstrap.servers", broker.bootstrapServers(SecurityProtocol.SASL_SSL));
    o.put("subscribe", topic);
    o.put("startingOffsets", "latest");
    o.put("kafka.security.protocol", "SASL_SSL");
    o.put("kafka.sasl.mechanism", "PLAIN");
    o.put(
        "kafka.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"apikey\" password=\""
            + password
            + "\";");
    return o;
  }

  /** The seed's Event Hubs {@code kafka_conf}, with the embedded broker's address. */
  private static Map<String, String> seedEventHubs(String topic) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("kafka.bootstrap.servers", broker.bootstrapServers(SecurityProtocol.SASL_SSL));
    o.put("subscribe", topic);
    o.put("kafka.sasl.mechanism", "PLAIN");
    o.put("kafka.security.protocol", "SASL_SSL");
    o.put(
        "kafka.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"$ConnectionString\" password=\""
            + EH_CONN
            + "\";");
    o.put("startingOffsets", "latest");
    return o;
  }

  /**
   * Starts {@code df} into a memory table, lets it resolve its {@code latest} start, produces
   * {@code values}, and returns what the table holds once they are processed.
   */
  private List<String> streamThrough(DataFrame df, String topic, String table, List<String> values)
      throws Exception {
    StreamingQuery q =
        df.selectExpr("CAST(value AS STRING) AS json_str")
            .writeStream()
            .format("memory")
            .queryName(table)
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    try {
      q.processAllAvailable();
      for (String v : values) {
        broker.produce(topic, null, v);
      }
      q.processAllAvailable();
      return t.table(table).collectAsList().stream().map(r -> r.getString(0)).toList();
    } finally {
      q.stop();
    }
  }

  @Test
  void seedSaslSslPlainOptions_streamEveryRecordProducedAfterTheStart() throws Exception {
    broker.createTopic("orders_topic", 2);
    broker.produce("orders_topic", null, "before-start");
    DataFrame df =
        t.readStream()
            .format("kafka")
            .options(seedSaslSsl("orders_topic", API_KEY))
            .options(trust())
            .load();
    List<String> orders =
        List.of(
            "{\"order_id\":\"o1\",\"amount\":10.5}",
            "{\"order_id\":\"o2\",\"amount\":3.0}",
            "{\"order_id\":\"o3\",\"amount\":7.25}");
    assertThat(streamThrough(df, "orders_topic", "sasl_ssl_orders", orders))
        .containsExactlyInAnyOrderElementsOf(orders);
  }

  @Test
  void seedEventHubsOptions_connectionStringAsPassword_streamEveryRecord() throws Exception {
    broker.createTopic("orders", 1);
    DataFrame df =
        t.readStream().format("kafka").options(seedEventHubs("orders")).options(trust()).load();
    List<String> rows =
        streamThrough(df, "orders", "event_hubs_orders", List.of("eh-1", "eh-2", "eh-3"));
    assertThat(rows).containsExactly("eh-1", "eh-2", "eh-3");
  }

  @Test
  void saslPlaintextListener_streamsWithThePlainOptionsAndNoTruststore() throws Exception {
    broker.createTopic("plain_orders", 1);
    Map<String, String> options = seedSaslSsl("plain_orders", API_KEY);
    options.put(
        "kafka.bootstrap.servers", broker.bootstrapServers(SecurityProtocol.SASL_PLAINTEXT));
    options.put("kafka.security.protocol", "SASL_PLAINTEXT");
    DataFrame df = t.readStream().format("kafka").options(options).load();
    assertThat(streamThrough(df, "plain_orders", "plain_orders", List.of("p-1", "p-2")))
        .containsExactly("p-1", "p-2");
  }

  @Test
  void brokerKafkaOptions_configureTheSourceForItsSaslSslListener() throws Exception {
    broker.createTopic("helper_orders", 1);
    DataFrame df =
        t.readStream()
            .format("kafka")
            .options(broker.kafkaOptions(SecurityProtocol.SASL_SSL, API_KEY_USER, API_KEY))
            .option("subscribe", "helper_orders")
            .load();
    assertThat(streamThrough(df, "helper_orders", "helper_orders", List.of("h-1", "h-2")))
        .containsExactly("h-1", "h-2");
  }

  @Test
  void wrongPassword_failsTheQueryPromptly_withAnAuthenticationErrorNamingTheBroker()
      throws Exception {
    broker.createTopic("wrong_pw", 1);
    StreamingQuery q =
        t.readStream()
            .format("kafka")
            .options(seedSaslSsl("wrong_pw", "not-the-api-key"))
            .options(trust())
            .load()
            .writeStream()
            .option("checkpointLocation", dir.resolve("cp").toString())
            .foreachBatch((batch, id) -> batch.count())
            .start();
    StreamingQueryException e =
        catchThrowableOfType(StreamingQueryException.class, () -> q.awaitTermination(PROMPT_MS));
    assertThat(e).as("failed within %d ms", PROMPT_MS).isNotNull();
    assertThat(e.getCondition()).isEqualTo("STREAM_FAILED");
    TidelineException cause = (TidelineException) e.getCause();
    assertThat(cause.getCondition()).isEqualTo("KAFKA_AUTHENTICATION_FAILED");
    assertThat(cause.getMessage())
        .contains(broker.bootstrapServers(SecurityProtocol.SASL_SSL))
        .contains("KafkaV2[Subscribe[wrong_pw]]")
        .contains("Invalid username or password")
        .contains("'kafka.sasl.jaas.config'")
        .doesNotContain("not-the-api-key");
    assertThat(e.getMessage()).contains("KafkaV2[Subscribe[wrong_pw]]");
  }

  @Test
  void untrustedCertificate_failsTheQueryPromptly_sayingToCheckTheTruststore() throws Exception {
    StreamingQuery q =
        t.readStream()
            .format("kafka")
            .options(seedEventHubs("untrusted"))
            .load()
            .writeStream()
            .option("checkpointLocation", dir.resolve("cp").toString())
            .foreachBatch((batch, id) -> batch.count())
            .start();
    StreamingQueryException e =
        catchThrowableOfType(StreamingQueryException.class, () -> q.awaitTermination(PROMPT_MS));
    assertThat(e).as("failed within %d ms", PROMPT_MS).isNotNull();
    TidelineException cause = (TidelineException) e.getCause();
    assertThat(cause.getCondition()).isEqualTo("KAFKA_AUTHENTICATION_FAILED");
    assertThat(cause.getMessage())
        .contains(broker.bootstrapServers(SecurityProtocol.SASL_SSL))
        .contains("TLS handshake failed")
        .contains("'kafka.ssl.truststore.location'");
  }

  @Test
  void unreachableBrokerAtStart_failsAfterTheBoundedWait_namingTheBrokers() throws Exception {
    Map<String, String> options = seedSaslSsl("nowhere", API_KEY);
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    options.put("kafka.bootstrap.servers", "127.0.0.1:1");
    StreamingQuery q =
        t.readStream()
            .format("kafka")
            .options(options)
            .options(trust())
            .option("kafka.default.api.timeout.ms", "1500")
            .load()
            .writeStream()
            .option("checkpointLocation", dir.resolve("cp").toString())
            .foreachBatch((batch, id) -> batch.count())
            .start();
    StreamingQueryException e =
        catchThrowableOfType(StreamingQueryException.class, () -> q.awaitTermination(PROMPT_MS));
    assertThat(e).as("failed within %d ms", PROMPT_MS).isNotNull();
    TidelineException cause = (TidelineException) e.getCause();
    assertThat(cause.getCondition()).isEqualTo("KAFKA_OFFSET_FETCH_FAILED");
    assertThat(cause.getMessage())
        .contains("127.0.0.1:1", "KafkaV2[Subscribe[nowhere]]", "1500 ms")
        .doesNotContain(API_KEY);
  }

  @Test
  void parsedSeedPipeline_overSaslSsl_yieldsTypedColumns() throws Exception {
    broker.createTopic("parsed_orders", 1);
    DataFrame parsed =
        t.readStream()
            .format("kafka")
            .options(seedSaslSsl("parsed_orders", API_KEY))
            .options(trust())
            .option("startingOffsets", "earliest")
            .load()
            .selectExpr("CAST(value AS STRING) as json_str")
            .select(
                io.tideline
                    .functions
                    .from_json(
                        io.tideline.functions.col("json_str"),
                        "order_id STRING, customer_id STRING, amount DOUBLE")
                    .alias("data"))
            .select("data.*");
    broker.produce(
        "parsed_orders", null, "{\"order_id\":\"o9\",\"customer_id\":\"c1\",\"amount\":2.5}");
    StreamingQuery q =
        parsed
            .writeStream()
            .format("memory")
            .queryName("parsed_orders")
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    try {
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    List<Row> rows = t.table("parsed_orders").collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString(0)).isEqualTo("o9");
    assertThat(rows.get(0).getDouble(2)).isEqualTo(2.5);
  }
}
