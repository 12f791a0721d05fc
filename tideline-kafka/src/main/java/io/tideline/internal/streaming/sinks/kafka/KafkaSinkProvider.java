package io.tideline.internal.streaming.sinks.kafka;

import io.tideline.DataFrame;
import io.tideline.connector.BatchWriteProvider;
import io.tideline.connector.SaveMode;
import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.connector.SinkProvider;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * The {@code kafka} sink's provider, for streaming ({@code df.writeStream().format("kafka")}) and
 * batch ({@code df.write().format("kafka").save()}) writes, as Spark's {@code KafkaSourceProvider}
 * {@code createSink} and {@code createRelation}.
 *
 * <p>Options and the output columns are checked before any data moves: at {@code start()} for a
 * stream (Spark checks the columns only when the first batch runs), before the plan runs for a
 * batch write. All output modes are accepted, update and complete writing the rows they emit, as
 * Spark. Batch writes accept {@link SaveMode#Append} and {@link SaveMode#ErrorIfExists} (the
 * default), both appending, and refuse the others with Spark's error.
 */
public final class KafkaSinkProvider implements SinkProvider, BatchWriteProvider {

  @Override
  public String shortName() {
    return "kafka";
  }

  @Override
  public Sink createSink(SinkContext context) {
    KafkaSinkOptions options = KafkaSinkOptions.parse(context.options());
    KafkaWriteColumns columns = KafkaWriteColumns.bind(context.schema(), options.topic());
    String label = queryLabel(context.queryName(), context.queryId());
    if (options.transactional()) {
      return new TransactionalKafkaSink(options, columns, context.queryId(), label);
    }
    return new KafkaSink(options, columns, label);
  }

  @Override
  public void write(DataFrame data, SaveMode mode, Map<String, String> options) {
    if (mode == SaveMode.Overwrite || mode == SaveMode.Ignore) {
      throw KafkaSinkErrors.saveModeUnsupported(mode);
    }
    KafkaSinkOptions parsed = KafkaSinkOptions.parse(options);
    KafkaWriteColumns columns = KafkaWriteColumns.bind(data.schema(), parsed.topic());
    if (parsed.transactional()) {
      TransactionalBatchWrite.run(data, parsed, columns);
      return;
    }
    String what = "a batch write";
    try (Producer<byte[], byte[]> producer =
        new KafkaProducer<>(parsed.producerConfig(Optional.empty()))) {
      KafkaWriteJob.run(data, columns, producer, what);
    } catch (KafkaException e) {
      throw KafkaSinkErrors.writeFailed(
          what,
          "kafka " + parsed.topic().map(t -> "topic " + t).orElse("topic column"),
          parsed.bootstrapServers(),
          "Records sent before the failure stay in Kafka; writing again may duplicate them.",
          e);
    }
  }

  static String queryLabel(Optional<String> name, UUID id) {
    return name.map(n -> "query '" + n + "' (id " + id + ")").orElse("query " + id);
  }
}
