package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.kafka.EmbeddedKafkaBroker;
import io.tideline.kafka.TestCertificates;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryListener;
import io.tideline.streaming.StreamingQueryProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Known secrets (an Event Hubs connection string and its key, JAAS configs, a wrong password, the
 * truststore password, the broker's own keystore password) pushed through every surface a user or
 * an operator sees: progress JSON, status, {@code explain()}, {@code toString()} of options,
 * source, query and listener events, the checkpoint, the exceptions (and their causes) of a query
 * refused by the broker, and every log line, Kafka's own included. None may show any of them.
 *
 * <p>Runs in its own JVM (the {@code secrets-it} failsafe execution in this module's POM) where
 * SLF4J's simple logger writes every level of Tideline's loggers and Kafka's INFO into one file, so
 * the last test can read all that was logged. In the shared IT JVM, where Kafka logs at ERROR to
 * the console, the class is skipped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaSecretsIT {
  private static final String LOG_FILE_PROPERTY = "org.slf4j.simpleLogger.logFile";

  private static final String SHARED_ACCESS_KEY = "c2VjcmV0LWtleS0zOWYxLWU0YjI=";
  private static final String EH_CONN =
      "Endpoint=sb://127.0.0.1/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey="
          + SHARED_ACCESS_KEY;
  private static final String EH_JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required"
          + " username=\"$ConnectionString\" password=\""
          + EH_CONN
          + "\";";
  private static final String WRONG_PASSWORD = "wrong-pw-7e3b-never-print";
  private static final String WRONG_JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required"
          + " username=\"$ConnectionString\" password=\""
          + WRONG_PASSWORD
          + "\";";

  private static Path logFile;
  private static EmbeddedKafkaBroker broker;
  private static Tideline t;
  private static final List<String> events = new CopyOnWriteArrayList<>();

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    String file = System.getProperty(LOG_FILE_PROPERTY);
    Assumptions.assumeTrue(
        file != null && !file.startsWith("System."),
        "runs in the secrets-it failsafe execution, which logs to a file");
    logFile = Path.of(file);
    broker =
        EmbeddedKafkaBroker.builder()
            .withListener(SecurityProtocol.SASL_SSL)
            .withUser("$ConnectionString", EH_CONN)
            .start();
    t = Tideline.builder().appName("kafka-secrets-it").getOrCreate();
    t.streams()
        .addListener(
            new StreamingQueryListener() {
              @Override
              public void onQueryStarted(QueryStartedEvent event) {
                events.add(event.toString());
              }

              @Override
              public void onQueryProgress(QueryProgressEvent event) {
                events.add(event.toString());
                events.add(event.progress().json());
              }

              @Override
              public void onQueryTerminated(QueryTerminatedEvent event) {
                events.add(event.toString());
              }
            });
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

  /** Every string that must never be shown. */
  private static List<String> secrets() {
    TestCertificates certs = broker.certificates();
    return List.of(
        EH_CONN,
        SHARED_ACCESS_KEY,
        EH_JAAS,
        WRONG_PASSWORD,
        WRONG_JAAS,
        certs.trustStorePassword(),
        certs.keyStorePassword());
  }

  private static void assertNoSecret(String surface, String text) {
    assertThat(text).as("%s is checked", surface).isNotNull();
    for (String secret : secrets()) {
      assertThat(text).as("%s shows a secret", surface).doesNotContain(secret);
    }
  }

  /** The seed's Event Hubs options with the broker's address, plus the test truststore. */
  private static Map<String, String> eventHubs(String topic, String jaas) {
    TestCertificates certs = broker.certificates();
    Map<String, String> o = new LinkedHashMap<>();
    o.put("kafka.bootstrap.servers", broker.bootstrapServers(SecurityProtocol.SASL_SSL));
    o.put("subscribe", topic);
    o.put("kafka.sasl.mechanism", "PLAIN");
    o.put("kafka.security.protocol", "SASL_SSL");
    o.put("kafka.sasl.jaas.config", jaas);
    o.put("startingOffsets", "earliest");
    o.put("kafka.ssl.truststore.location", certs.trustStore().toString());
    o.put("kafka.ssl.truststore.password", certs.trustStorePassword());
    o.put("kafka.ssl.truststore.type", TestCertificates.STORE_TYPE);
    return o;
  }

  @Test
  @Order(1)
  void runningQuery_showsNoSecretInProgressStatusExplainToStringOrCheckpoint() throws Exception {
    broker.createTopic("eh_orders", 2);
    for (int i = 0; i < 6; i++) {
      broker.produce("eh_orders", null, "order-" + i, i % 2);
    }
    Map<String, String> options = eventHubs("eh_orders", EH_JAAS);
    DataFrame df =
        t.readStream().format("kafka").options(options).load().selectExpr("CAST(value AS STRING)");
    Path cp = dir.resolve("cp-running");
    StreamingQuery q =
        df.writeStream()
            .format("memory")
            .queryName("eh_orders")
            .option("checkpointLocation", cp.toString())
            .start();
    try {
      q.processAllAvailable();
      StreamingQueryProgress last = q.lastProgress();
      assertThat(last.numInputRows()).isEqualTo(6);
      assertNoSecret("lastProgress().json()", last.json());
      assertNoSecret("lastProgress().prettyJson()", last.prettyJson());
      assertNoSecret("lastProgress().toString()", last.toString());
      for (StreamingQueryProgress p : q.recentProgress()) {
        assertNoSecret("recentProgress()", p.prettyJson());
      }
      assertNoSecret("status().json()", q.status().json());
      assertNoSecret("status().toString()", q.status().toString());
      assertNoSecret("query.toString()", q.toString());
      assertNoSecret("query.explainString(true)", q.explainString(true));
    } finally {
      q.stop();
    }
    String dfPlan = df.explainString(true);
    assertThat(dfPlan).contains("kafka");
    assertNoSecret("DataFrame.explainString(true)", dfPlan);
    assertNoSecret("DataFrame.toString()", df.toString());

    KafkaSourceOptions parsed = KafkaSourceOptions.parse(options);
    assertNoSecret("KafkaSourceOptions.toString()", parsed.toString());
    SourceContext context =
        new SourceContext(
            t,
            options,
            Optional.empty(),
            KafkaSourceProvider.SCHEMA,
            dir.resolve("source-metadata"),
            new ManualClock(0));
    assertNoSecret("SourceContext.toString()", context.toString());
    Source source = new KafkaSourceProvider().createSource(context);
    try {
      assertThat(source.toString()).contains("KafkaV2[Subscribe[eh_orders]]");
      assertNoSecret("source.toString()", source.toString());
      assertNoSecret("source.description()", source.description());
    } finally {
      source.stop();
    }

    assertThat(cp.resolve("offsets")).isDirectory();
    try (Stream<Path> files = Files.walk(cp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertNoSecret("checkpoint file " + cp.relativize(f), Files.readString(f));
      }
    }
  }

  @Test
  @Order(2)
  void refusedQuery_showsNoSecretInItsExceptionsStatusOrEvents() throws Exception {
    broker.createTopic("eh_refused", 1);
    StreamingQuery q =
        t.readStream()
            .format("kafka")
            .options(eventHubs("eh_refused", WRONG_JAAS))
            .load()
            .writeStream()
            .option("checkpointLocation", dir.resolve("cp-refused").toString())
            .foreachBatch((batch, id) -> batch.count())
            .start();
    StreamingQueryException e =
        catchThrowableOfType(StreamingQueryException.class, () -> q.awaitTermination(20_000));
    assertThat(e).isNotNull();
    assertThat(((TidelineException) e.getCause()).getCondition())
        .isEqualTo("KAFKA_AUTHENTICATION_FAILED");

    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertNoSecret("stack trace", trace.toString());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable c = e; c != null && !chain.contains(c); c = c.getCause()) {
      chain.add(c);
    }
    assertThat(chain).hasSizeGreaterThanOrEqualTo(3);
    for (Throwable c : chain) {
      assertNoSecret(c.getClass().getSimpleName() + ".toString()", c.toString());
      assertNoSecret(
          c.getClass().getSimpleName() + ".getMessage()", String.valueOf(c.getMessage()));
      if (c instanceof TidelineException te) {
        assertNoSecret("TidelineException.parameters()", te.parameters().toString());
      }
    }
    assertNoSecret("exception()", q.exception().orElseThrow().getMessage());
    assertNoSecret("status() after failure", q.status().prettyJson());
    assertNoSecret("query.toString() after failure", q.toString());
  }

  @Test
  @Order(3)
  void malformedJaasConfig_failsTheQuery_withoutShowingIt() throws Exception {
    // A copy-paste slip: the closing semicolon is missing, so Kafka cannot parse the entry.
    String malformed = WRONG_JAAS.substring(0, WRONG_JAAS.length() - 1);
    StreamingQuery q =
        t.readStream()
            .format("kafka")
            .options(eventHubs("eh_malformed", malformed))
            .load()
            .writeStream()
            .option("checkpointLocation", dir.resolve("cp-malformed").toString())
            .foreachBatch((batch, id) -> batch.count())
            .start();
    StreamingQueryException e =
        catchThrowableOfType(StreamingQueryException.class, () -> q.awaitTermination(20_000));
    assertThat(e).isNotNull();
    TidelineException cause = (TidelineException) e.getCause();
    assertThat(cause.getCondition()).isEqualTo("KAFKA_CLIENT_CREATION_FAILED");
    assertThat(cause.getMessage())
        .contains("JAAS config entry not terminated by semi-colon")
        .contains("'kafka.sasl.jaas.config'")
        .contains("KafkaV2[Subscribe[eh_malformed]]");
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertNoSecret("stack trace", trace.toString());
    assertNoSecret("status() after failure", q.status().prettyJson());
  }

  @Test
  @Order(4)
  void listenerEvents_showNoSecret() {
    assertThat(events).anyMatch(s -> s.contains("KAFKA_AUTHENTICATION_FAILED"));
    assertThat(events).anyMatch(s -> s.contains("numInputRows"));
    for (String event : events) {
      assertNoSecret("listener event", event);
    }
  }

  @Test
  @Order(5)
  void logs_showNoSecret_andKafkaHidesItsPasswordConfigs() throws IOException {
    // Every Tideline log statement is enabled here, down to TRACE, so none escapes the check.
    assertThat(LoggerFactory.getLogger(KafkaMicroBatchStream.class).isTraceEnabled()).isTrue();
    String logs = Files.readString(logFile, StandardCharsets.UTF_8);
    // Proof that the file holds what the queries logged.
    assertThat(logs)
        .contains("KafkaV2[Subscribe[eh_orders]]")
        .contains("KAFKA_AUTHENTICATION_FAILED")
        .contains("ConsumerConfig values:")
        .contains("AdminClientConfig values:");
    // Kafka prints its client configs at INFO with passwords masked: the JAAS config included.
    assertThat(logs)
        .contains("sasl.jaas.config = [hidden]")
        .contains("ssl.truststore.password = [hidden]");
    assertNoSecret("the log file " + logFile, logs);
  }
}
