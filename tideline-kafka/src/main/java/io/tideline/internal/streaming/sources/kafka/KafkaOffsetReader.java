package io.tideline.internal.streaming.sources.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the kafka source asks the brokers about partitions, as Spark's {@code
 * KafkaOffsetReaderAdmin}: which partitions exist and their earliest and latest offsets, through an
 * {@link Admin} client. A topic or partition that does not exist (any more) is left out of the
 * answer rather than waited for, so the source can report a deleted topic as data loss.
 *
 * <p>Every call is bounded by the client's {@code default.api.timeout.ms} ({@code
 * kafka.default.api.timeout.ms}, 60 s by default) and tried once: a broker that does not answer in
 * time fails with an error naming the source and the brokers. Spark retries such a call ({@code
 * fetchOffset.numRetries}, 3) with the same bound each, so it can wait three times as long. A
 * broker that refuses the credentials or the TLS handshake fails at once (Kafka does not retry
 * authentication), with its own error saying what to check.
 *
 * <p>Called on the query's stream thread only.
 */
final class KafkaOffsetReader implements AutoCloseable {

  private final Admin admin;
  private final ConsumerStrategy strategy;
  private final Duration timeout;
  private final String source;
  private final String bootstrapServers;

  KafkaOffsetReader(
      Admin admin,
      ConsumerStrategy strategy,
      Duration timeout,
      String source,
      String bootstrapServers) {
    this.admin = admin;
    this.strategy = strategy;
    this.timeout = timeout;
    this.source = source;
    this.bootstrapServers = bootstrapServers;
  }

  /** The partitions the strategy selects now. */
  List<TopicPartition> partitions() {
    try {
      return strategy.partitions(admin, timeout);
    } catch (KafkaException | ExecutionException | TimeoutException e) {
      throw failed("list the partitions", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("list the partitions", e);
    }
  }

  /** The earliest available offset of each partition that exists; missing ones are left out. */
  Map<TopicPartition, Long> earliest(Collection<TopicPartition> partitions) {
    return list(partitions, OffsetSpec.earliest(), "fetch the earliest offsets");
  }

  /** The offset after the last record of each partition that exists. */
  Map<TopicPartition, Long> latest(Collection<TopicPartition> partitions) {
    return list(partitions, OffsetSpec.latest(), "fetch the latest offsets");
  }

  /** The latest offsets of every partition the strategy selects now. */
  Map<TopicPartition, Long> latest() {
    return latest(partitions());
  }

  private Map<TopicPartition, Long> list(
      Collection<TopicPartition> partitions, OffsetSpec spec, String action) {
    Map<TopicPartition, Long> out = new HashMap<>();
    if (partitions.isEmpty()) {
      return out;
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicPartition tp : partitions) {
      request.put(tp, spec);
    }
    ListOffsetsResult result = admin.listOffsets(request);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (TopicPartition tp : partitions) {
      KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo> f = result.partitionResult(tp);
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        out.put(tp, f.get(left, TimeUnit.NANOSECONDS).offset());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw failed(action, e);
        }
      } catch (TimeoutException | KafkaException e) {
        throw failed(action, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failed(action, e);
      }
    }
    return out;
  }

  private RuntimeException failed(String action, Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof AuthenticationException auth) {
      return KafkaSourceErrors.authenticationFailed(source, bootstrapServers, auth);
    }
    return KafkaSourceErrors.offsetFetchFailed(
        action, source, bootstrapServers, timeout.toMillis(), cause);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
