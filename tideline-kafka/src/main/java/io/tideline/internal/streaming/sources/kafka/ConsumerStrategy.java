package io.tideline.internal.streaming.sources.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Which partitions a kafka source reads, as Spark's {@code ConsumerStrategy}: the {@code assign},
 * {@code subscribe} or {@code subscribePattern} option. The source asks it for the current
 * partitions before every batch, so partitions added to a topic (or topics matching a pattern) join
 * the stream, and deleted ones leave it.
 */
sealed interface ConsumerStrategy {

  /** The partitions that exist now; a missing topic has none. */
  List<TopicPartition> partitions(Admin admin, Duration timeout)
      throws ExecutionException, TimeoutException, InterruptedException;

  /** Spark's description, e.g. {@code Subscribe[orders]}. */
  String description();

  /** Exactly the partitions of {@code assign}, whether or not they exist yet. */
  record Assign(List<TopicPartition> assigned) implements ConsumerStrategy {
    public Assign {
      assigned = List.copyOf(assigned);
    }

    @Override
    public List<TopicPartition> partitions(Admin admin, Duration timeout) {
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
    public List<TopicPartition> partitions(Admin admin, Duration timeout)
        throws ExecutionException, TimeoutException, InterruptedException {
      return describe(admin, topics, timeout);
    }

    @Override
    public String description() {
      return "Subscribe[" + String.join(", ", topics) + "]";
    }
  }

  /** Every partition of the topics whose whole name matches the pattern. */
  record SubscribePattern(String pattern) implements ConsumerStrategy {
    @Override
    public List<TopicPartition> partitions(Admin admin, Duration timeout)
        throws ExecutionException, TimeoutException, InterruptedException {
      Pattern p = Pattern.compile(pattern);
      List<String> matching =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
              .filter(name -> p.matcher(name).matches())
              .sorted()
              .toList();
      return describe(admin, matching, timeout);
    }

    @Override
    public String description() {
      return "SubscribePattern[" + pattern + "]";
    }
  }

  private static List<TopicPartition> describe(Admin admin, List<String> topics, Duration timeout)
      throws ExecutionException, TimeoutException, InterruptedException {
    List<TopicPartition> out = new ArrayList<>();
    if (topics.isEmpty()) {
      return out;
    }
    Map<String, KafkaFuture<TopicDescription>> described =
        admin.describeTopics(topics).topicNameValues();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String topic : topics) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        TopicDescription d = described.get(topic).get(left, TimeUnit.NANOSECONDS);
        for (TopicPartitionInfo info : d.partitions()) {
          out.add(new TopicPartition(topic, info.partition()));
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
    }
    return out;
  }
}
