package io.tideline.bench.kafka;

import static io.tideline.functions.col;
import static io.tideline.functions.from_json;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.bench.ProcessCpu;
import io.tideline.bench.TidelineSessions;
import io.tideline.streaming.DataStreamReader;
import io.tideline.streaming.DataStreamWriter;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Tideline's side of the Kafka benchmark, written against the public API as a user would, in the
 * harness's JVM with one session for every run. The queries mirror tideline-spark's {@code
 * KafkaWorkloads}.
 */
final class TidelineKafkaEngine implements KafkaEngine {
  /** The seed post's order schema. */
  static final StructType ORDER_SCHEMA =
      StructType.fromDDL(
          "order_id STRING, customer_id STRING, product STRING, amount DOUBLE, order_time"
              + " TIMESTAMP");

  private static final String NAME = "tideline";
  private static final long TIMEOUT_SECONDS = 900;

  private final Tideline t;
  private final double sessionStartSeconds;
  private final PassThroughSink sink;
  private StreamingQuery passThrough;
  private KafkaProducer<byte[], byte[]> passThroughProducer;

  private TidelineKafkaEngine(Tideline t, double sessionStartSeconds, PassThroughSink sink) {
    this.t = t;
    this.sessionStartSeconds = sessionStartSeconds;
    this.sink = sink;
  }

  /** Starts a session whose warehouse lies in {@code workDir}, so nothing lands elsewhere. */
  static TidelineKafkaEngine start(Path workDir, PassThroughSink sink) {
    TidelineSessions.Started session = TidelineSessions.start("kafka-bench", workDir);
    return new TidelineKafkaEngine(session.tideline(), session.startSeconds(), sink);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return TidelineSessions.version();
  }

  @Override
  public double sessionStartSeconds() {
    return sessionStartSeconds;
  }

  @Override
  public ThroughputRun throughput(
      String bootstrapServers, String topic, long maxOffsetsPerTrigger, Path checkpoint) {
    AtomicLong rows = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    DataStreamReader reader = kafka(bootstrapServers, topic);
    if (maxOffsetsPerTrigger > 0) {
      reader = reader.option("maxOffsetsPerTrigger", maxOffsetsPerTrigger);
    }
    StreamingQuery query =
        reader
            .load()
            .selectExpr("CAST(value AS STRING) AS json")
            .select(from_json(col("json"), ORDER_SCHEMA).alias("o"))
            .select("o.*")
            .filter("amount > 100")
            .writeStream()
            .trigger(Trigger.AvailableNow())
            .option("checkpointLocation", checkpoint.toString())
            .foreachBatch(
                (DataFrame batch, Long id) -> {
                  rows.addAndGet(batch.count());
                  batches.incrementAndGet();
                })
            .start();
    try {
      if (!query.awaitTermination(TIMEOUT_SECONDS * 1000)) {
        throw KafkaBenchErrors.queryFailed(
            NAME, KafkaBenchSettings.THROUGHPUT, "it did not end within " + TIMEOUT_SECONDS + " s");
      }
    } catch (StreamingQueryException e) {
      throw KafkaBenchErrors.queryFailed(NAME, KafkaBenchSettings.THROUGHPUT, e);
    } finally {
      query.stop();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (ProcessCpu.nanos() - cpu0) / 1e9;
    return new ThroughputRun(seconds, cpuSeconds, rows.get(), batches.get());
  }

  @Override
  public void startPassThrough(
      String bootstrapServers, String inputTopic, String outputTopic, Path checkpoint) {
    if (passThrough != null) {
      throw new IllegalStateException("Bug in Tideline: a pass-through query is running already");
    }
    DataStreamWriter writer =
        kafka(bootstrapServers, inputTopic).load().selectExpr("key", "value").writeStream();
    switch (sink) {
      case KAFKA ->
          writer =
              writer
                  .format("kafka")
                  .option("kafka.bootstrap.servers", bootstrapServers)
                  // Kafka 4's clients wait 5 ms for more records by default; Spark's (3.9) do not.
                  .option("kafka.linger.ms", "0")
                  .option("topic", outputTopic);
      case PRODUCER -> {
        KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers);
        passThroughProducer = producer;
        writer =
            writer.foreachBatch(
                (DataFrame batch, Long id) -> {
                  for (Row row : batch.collectAsList()) {
                    producer.send(
                        new ProducerRecord<>(
                            outputTopic, (byte[]) row.get(0), (byte[]) row.get(1)));
                  }
                  // Every record acknowledged before the batch commits: at-least-once, as a sink.
                  producer.flush();
                });
      }
    }
    passThrough = writer.option("checkpointLocation", checkpoint.toString()).start();
  }

  @Override
  public PassThroughResult stopPassThrough() {
    StreamingQuery query = passThrough;
    passThrough = null;
    try {
      query.stop();
      if (query.exception().isPresent()) {
        throw KafkaBenchErrors.queryFailed(
            NAME, KafkaBenchSettings.LATENCY, query.exception().get());
      }
      List<StreamingQueryProgress> recent = query.recentProgress();
      Map<String, Double> sums = new TreeMap<>();
      for (StreamingQueryProgress p : recent) {
        p.durationMs().forEach((phase, ms) -> sums.merge(phase, (double) ms, Double::sum));
      }
      sums.replaceAll((phase, sum) -> sum / recent.size());
      StreamingQueryProgress last = query.lastProgress();
      return new PassThroughResult(last == null ? 0 : last.batchId() + 1, sums);
    } finally {
      if (passThroughProducer != null) {
        passThroughProducer.close();
        passThroughProducer = null;
      }
    }
  }

  private DataStreamReader kafka(String bootstrapServers, String topic) {
    return t.readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", bootstrapServers)
        .option("subscribe", topic)
        .option("startingOffsets", "earliest");
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void close() {
    if (passThrough != null) {
      passThrough.stop();
    }
    t.close();
  }
}
