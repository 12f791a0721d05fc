package io.tideline.internal.streaming.sinks.kafka;

import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.StructVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns the rows of columnar batches into Kafka producer records and sends them, reading each
 * record's parts straight from the column vectors: no row objects, no per-row projection.
 *
 * <p>What it still allocates per record is what {@code kafka-clients} demands: the {@link
 * ProducerRecord}, exact-length {@code byte[]} copies of the key and value (the serializer contract
 * takes whole arrays), a boxed partition when one is given, and the headers. Topic names repeat, so
 * the last one decoded is reused while the bytes match.
 *
 * <p>One encoder per task thread; the producer it sends to is shared and thread-safe.
 */
final class KafkaRecordEncoder {
  private final KafkaWriteColumns columns;
  private final String where;
  private byte[] lastTopicBytes;
  private String lastTopic;

  /**
   * @param columns where each part of a record comes from
   * @param where what is being written, for the null-topic error ("batch 3 of query q")
   */
  KafkaRecordEncoder(KafkaWriteColumns columns, String where) {
    this.columns = columns;
    this.where = where;
    this.lastTopic = columns.topicOption().orElse(null);
  }

  /** Sends every live row of {@code batch}; returns how many were sent. */
  int send(Batch batch, Producer<byte[], byte[]> producer, Callback callback) {
    BytesVector topics = columns.topic() < 0 ? null : (BytesVector) batch.column(columns.topic());
    BytesVector keys = columns.key() < 0 ? null : (BytesVector) batch.column(columns.key());
    BytesVector values = (BytesVector) batch.column(columns.value());
    ArrayVector headers =
        columns.headers() < 0 ? null : (ArrayVector) batch.column(columns.headers());
    IntVector partitions =
        columns.partition() < 0 ? null : (IntVector) batch.column(columns.partition());
    int size = batch.size();
    for (int k = 0; k < size; k++) {
      int row = batch.rowAt(k);
      String topic = topics == null ? lastTopic : topic(topics, row);
      Integer partition =
          partitions == null || partitions.isNullAt(row) ? null : partitions.get(row);
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(
              topic,
              partition,
              null,
              bytes(keys, row),
              bytes(values, row),
              headers == null ? null : headers(headers, row));
      producer.send(record, callback);
    }
    return size;
  }

  private String topic(BytesVector topics, int row) {
    if (topics.isNullAt(row)) {
      throw KafkaSinkErrors.nullTopic(where);
    }
    byte[] data = topics.data();
    int start = topics.start(row);
    int len = topics.length(row);
    if (lastTopicBytes == null
        || !Arrays.equals(lastTopicBytes, 0, lastTopicBytes.length, data, start, start + len)) {
      lastTopicBytes = Arrays.copyOfRange(data, start, start + len);
      lastTopic = new String(lastTopicBytes, StandardCharsets.UTF_8);
    }
    return lastTopic;
  }

  private static byte[] bytes(BytesVector v, int row) {
    if (v == null || v.isNullAt(row)) {
      return null;
    }
    int start = v.start(row);
    return Arrays.copyOfRange(v.data(), start, start + v.length(row));
  }

  /** The row's headers; a null array means none, a null element is skipped. */
  private static Iterable<Header> headers(ArrayVector headers, int row) {
    if (headers.isNullAt(row)) {
      return null;
    }
    int start = headers.start(row);
    int len = headers.length(row);
    StructVector elements = (StructVector) headers.elements();
    BytesVector keys = (BytesVector) elements.child(0);
    BytesVector values = (BytesVector) elements.child(1);
    List<Header> out = new ArrayList<>(len);
    for (int i = start; i < start + len; i++) {
      if (elements.isNullAt(i)) {
        continue;
      }
      String key = keys.isNullAt(i) ? null : keys.getString(i);
      out.add(new RecordHeader(key, bytes(values, i)));
    }
    return out;
  }
}
