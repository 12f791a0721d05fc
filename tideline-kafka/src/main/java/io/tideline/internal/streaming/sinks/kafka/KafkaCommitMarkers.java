package io.tideline.internal.streaming.sinks.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Utils;

/**
 * The exactly-once sink's record of which batches it has committed: one marker record per batch,
 * written in the same Kafka transaction as the batch's rows, to a compacted control topic.
 *
 * <p>Format, version 1: key = the query id as UTF-8 text; value = UTF-8 JSON {@code
 * {"version":1,"queryId":"<uuid>","batchId":<n>}}. A reader refuses a higher version. The topic is
 * compacted on the key, so it keeps about one record per query however long the query runs.
 *
 * <p>Why a marker topic, and not the transaction's consumer-group offsets ({@code
 * sendOffsetsToTransaction} to a group named after the query): group offsets need an existing
 * topic-partition to hang on, and a query writing through a {@code topic} column has no fixed one;
 * and Kafka expires the offsets of an idle group ({@code offsets.retention.minutes}, 7 days), after
 * which a restart would forget the last batch and write it twice. A compacted topic keeps the
 * marker as long as the topic exists.
 *
 * <p>Reading happens once per run, after the producer's {@code initTransactions()} has aborted (or
 * completed) any transaction the previous run left open, so a {@code read_committed} consumer read
 * up to the last stable offset sees exactly the batches that were committed.
 */
final class KafkaCommitMarkers {
  /** The marker format this build writes, and the newest it reads. */
  static final int VERSION = 1;

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaSinkOptions options;
  private final String topic;
  private final UUID queryId;
  private final byte[] key;
  private final String sinkLabel;
  private int numPartitions = 1;

  /**
   * @param options the sink's options (connection and security settings)
   * @param topic the control topic
   * @param queryId the query whose markers these are
   * @param sinkLabel names the sink in messages
   */
  KafkaCommitMarkers(KafkaSinkOptions options, String topic, UUID queryId, String sinkLabel) {
    this.options = options;
    this.topic = topic;
    this.queryId = queryId;
    this.key = queryId.toString().getBytes(StandardCharsets.UTF_8);
    this.sinkLabel = sinkLabel;
  }

  String topic() {
    return topic;
  }

  /**
   * Creates the control topic (one partition, compacted) unless it exists. Replication follows the
   * brokers' default.
   */
  void ensureTopic() {
    try (Admin admin = Admin.create(options.adminConfig())) {
      try {
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw failed("describe the exactly-once control topic " + topic, e.getCause());
        }
      }
      NewTopic newTopic =
          new NewTopic(topic, Optional.of(1), Optional.empty())
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      try {
        admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw failed("create the exactly-once control topic " + topic, e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("create the exactly-once control topic " + topic, e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw failed("create the exactly-once control topic " + topic, e);
    }
  }

  /**
   * The highest batch id with a committed marker for this query, read with {@code read_committed}
   * up to the last stable offset; empty when the query never committed a batch.
   */
  OptionalLong lastCommittedBatch() {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(options.markerConsumerConfig())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
      numPartitions = Math.max(1, partitions == null ? 1 : partitions.size());
      TopicPartition tp = new TopicPartition(topic, partition());
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
      long last = -1;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (consumer.position(tp, TIMEOUT) < end) {
        if (System.nanoTime() > deadline) {
          throw failed(
              "read the exactly-once markers of " + topic + " up to offset " + end,
              new org.apache.kafka.common.errors.TimeoutException(
                  "no progress within " + TIMEOUT.toMillis() + " ms"));
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          if (r.value() != null && Arrays.equals(r.key(), key)) {
            last = Math.max(last, batchIdOf(r));
          }
        }
      }
      return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
    } catch (KafkaException e) {
      throw failed("read the exactly-once markers of " + topic, e);
    }
  }

  /** The marker of {@code batchId}, to send inside the batch's transaction. */
  ProducerRecord<byte[], byte[]> marker(long batchId) {
    String json =
        "{\"version\":" + VERSION + ",\"queryId\":\"" + queryId + "\",\"batchId\":" + batchId + "}";
    return new ProducerRecord<>(topic, partition(), key, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The partition of this query's markers: Kafka's default key hashing, so a shared topic works.
   */
  private int partition() {
    return Utils.toPositive(Utils.murmur2(key)) % numPartitions;
  }

  private long batchIdOf(ConsumerRecord<byte[], byte[]> r) {
    JsonNode node;
    try {
      node = JSON.readTree(r.value());
    } catch (IOException e) {
      throw unreadable(r, "not JSON");
    }
    if (node == null || !node.path("version").canConvertToInt()) {
      throw unreadable(r, "no version");
    }
    int version = node.path("version").asInt();
    if (version > VERSION || version < 1) {
      throw unreadable(r, "version " + version + ", this build reads up to " + VERSION);
    }
    JsonNode batchId = node.path("batchId");
    if (!batchId.canConvertToLong()) {
      throw unreadable(r, "no batchId");
    }
    return batchId.asLong();
  }

  private RuntimeException unreadable(ConsumerRecord<byte[], byte[]> r, String reason) {
    return KafkaSinkErrors.markerUnreadable(
        r.topic(), r.partition(), r.offset(), sinkLabel, reason);
  }

  private RuntimeException failed(String what, Throwable cause) {
    return KafkaSinkErrors.controlTopicFailed(what, sinkLabel, options.bootstrapServers(), cause);
  }
}
