package io.tideline.internal.streaming.sources.kafka;

import io.tideline.connector.Offset;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The kafka source's offset, as Spark's {@code KafkaSourceOffset}: for each topic partition the
 * next offset to read (the last one read plus one). Its JSON, {@code {"topic":{"0":23,"1":5}}}, is
 * what {@code offsets/N} holds; topics and partitions are written in order so two equal offsets
 * have equal JSON. Offsets are never committed to Kafka: the checkpoint is their only home.
 */
record KafkaSourceOffset(Map<TopicPartition, Long> partitionOffsets) implements Offset {

  /** Topic, then partition number: the order of the JSON and of messages. */
  static final Comparator<TopicPartition> ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  KafkaSourceOffset {
    TreeMap<TopicPartition, Long> sorted = new TreeMap<>(ORDER);
    sorted.putAll(partitionOffsets);
    partitionOffsets = Collections.unmodifiableMap(sorted);
  }

  @Override
  public String json() {
    return PartitionOffsetsJson.write(partitionOffsets);
  }

  /** Reads {@link #json()}; refuses anything else as a damaged checkpoint. */
  static KafkaSourceOffset parse(String json) {
    try {
      return new KafkaSourceOffset(PartitionOffsetsJson.readOffsets(json));
    } catch (IllegalArgumentException e) {
      throw KafkaSourceErrors.malformedOffset(json);
    }
  }

  /** {@code offset} as a kafka offset, or a Tideline bug when another source's offset got here. */
  static KafkaSourceOffset of(Offset offset) {
    if (offset instanceof KafkaSourceOffset k) {
      return k;
    }
    throw new IllegalStateException(
        "Bug in Tideline: the kafka source got a foreign offset " + offset.json());
  }

  @Override
  public String toString() {
    return json();
  }
}
