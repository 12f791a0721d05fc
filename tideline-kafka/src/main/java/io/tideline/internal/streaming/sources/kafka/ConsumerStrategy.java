package io.tideline.internal.streaming.sources.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions a kafka source reads, as Spark's {@code ConsumerStrategy}: the {@code assign},
 * {@code subscribe} or {@code subscribePattern} option. The source asks it for the current
 * partitions before every batch, so partitions added to a topic (or topics matching a pattern) join
 * the stream, and deleted ones leave it.
 */
sealed interface ConsumerStrategy {

  /** The partitions that exist now; a missing topic has none. */
  List<TopicPartition> partitions(Consumer<?, ?> consumer, Duration timeout);

  /** Spark's description, e.g. {@code Subscribe[orders]}. */
  String description();

  /** Exactly the partitions of {@code assign}, whether or not they exist yet. */
  record Assign(List<TopicPartition> assigned) implements ConsumerStrategy {
    public Assign {
      assigned = List.copyOf(assigned);
    }

    @Override
    public List<TopicPartition> partitions(Consumer<?, ?> consumer, Duration timeout) {
      return assigned;
    }

    @Override
    public String description() {
      return "Assign["
          + assigned.stream()
              .sorted(KafkaSourceOffset.ORDER)
              .map(TopicPartition::toString)
              .collect(Collectors.joining(", "))
          + "]";
    }
  }

  /** Every partition of the listed topics. */
  record Subscribe(List<String> topics) implements ConsumerStrategy {
    public Subscribe {
      topics = List.copyOf(topics);
    }

    @Override
    public List<TopicPartition> partitions(Consumer<?, ?> consumer, Duration timeout) {
      List<TopicPartition> out = new ArrayList<>();
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos != null) {
          for (PartitionInfo p : infos) {
            out.add(new TopicPartition(p.topic(), p.partition()));
          }
        }
      }
      return out;
    }

    @Override
    public String description() {
      return "Subscribe[" + String.join(", ", topics) + "]";
    }
  }

  /** Every partition of the topics whose whole name matches the pattern. */
  record SubscribePattern(String pattern) implements ConsumerStrategy {
    @Override
    public List<TopicPartition> partitions(Consumer<?, ?> consumer, Duration timeout) {
      Pattern p = Pattern.compile(pattern);
      List<TopicPartition> out = new ArrayList<>();
      for (Map.Entry<String, List<PartitionInfo>> e : consumer.listTopics(timeout).entrySet()) {
        if (p.matcher(e.getKey()).matches()) {
          for (PartitionInfo info : e.getValue()) {
            out.add(new TopicPartition(info.topic(), info.partition()));
          }
        }
      }
      return out;
    }

    @Override
    public String description() {
      return "SubscribePattern[" + pattern + "]";
    }
  }
}
