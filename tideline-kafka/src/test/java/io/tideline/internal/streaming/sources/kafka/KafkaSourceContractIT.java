package io.tideline.internal.streaming.sources.kafka;

import io.tideline.Tideline;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.kafka.EmbeddedKafkaBroker;
import io.tideline.testkit.stream.SourceContractSuite;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The kafka source keeps the test kit's source contract, against one embedded broker for the class.
 * Each test gets its own two-partition topic; a round of data is three records on partition 0 and
 * two on partition 1. The rate limit is {@code maxOffsetsPerTrigger=2}.
 */
class KafkaSourceContractIT extends SourceContractSuite {
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static EmbeddedKafkaBroker broker;
  private static Tideline t;

  private final String topic = "contract-" + TOPICS.incrementAndGet();
  private boolean created;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
    t = Tideline.builder().appName("kafka-source-contract").getOrCreate();
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

  private void ensureTopic() {
    if (!created) {
      broker.createTopic(topic, 2);
      created = true;
    }
  }

  @Override
  protected Tideline session() {
    return t;
  }

  @Override
  protected Source createSource(Path metadataPath) {
    ensureTopic();
    Map<String, String> options =
        Map.of(
            "kafka.bootstrap.servers",
            broker.bootstrapServers(),
            "subscribe",
            topic,
            "startingOffsets",
            "earliest");
    KafkaSourceProvider provider = new KafkaSourceProvider();
    StructType schema = provider.sourceSchema(t, options, Optional.empty());
    return provider.createSource(
        new SourceContext(t, options, Optional.empty(), schema, metadataPath, new ManualClock()));
  }

  @Override
  protected int addData(int round) {
    ensureTopic();
    for (int i = 0; i < 3; i++) {
      broker.produce(topic, "k", "r" + round + "-p0-" + i, 0);
    }
    for (int i = 0; i < 2; i++) {
      broker.produce(topic, "k", "r" + round + "-p1-" + i, 1);
    }
    return 5;
  }

  @Override
  protected Optional<ReadLimit> smallLimit() {
    return Optional.of(ReadLimit.maxRows(2));
  }
}
