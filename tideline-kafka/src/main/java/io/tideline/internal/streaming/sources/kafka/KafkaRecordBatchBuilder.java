package io.tideline.internal.streaming.sources.kafka;

import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Appends Kafka records straight into the columns of the kafka schema, {@code batchSize} rows per
 * {@link Batch}, as Spark's {@code KafkaRecordToRowConverter} but columnar: no row object per
 * record. Key and value bytes are copied once, from the consumer's arrays into the vectors' shared
 * byte arrays; a topic's UTF-8 name is encoded once per topic.
 *
 * <p>Not thread-safe; one builder per batch read.
 */
final class KafkaRecordBatchBuilder {

  private static final int KEY = 0;
  private static final int VALUE = 1;
  private static final int TOPIC = 2;
  private static final int PARTITION = 3;
  private static final int OFFSET = 4;
  private static final int TIMESTAMP = 5;
  private static final int TIMESTAMP_TYPE = 6;
  private static final int HEADERS = 7;

  private final StructType schema;
  private final boolean includeHeaders;
  private final int batchSize;
  private final ArrayDeque<Batch> batches = new ArrayDeque<>();
  private final Map<String, byte[]> topicBytes = new HashMap<>();
  private ColumnVector[] columns;
  private int rows;
  private String lastTopic;
  private int lastTopicStart = -1;
  private int lastTopicLength;

  KafkaRecordBatchBuilder(StructType schema, boolean includeHeaders, int batchSize) {
    this.schema = schema;
    this.includeHeaders = includeHeaders;
    this.batchSize = Math.max(1, batchSize);
  }

  void add(ConsumerRecord<byte[], byte[]> record) {
    if (columns == null) {
      columns = new ColumnVector[schema.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = ColumnVector.allocate(schema.fields().get(i).dataType(), batchSize);
      }
    }
    int row = rows;
    bytes(KEY, row, record.key());
    bytes(VALUE, row, record.value());
    topic(row, record.topic());
    ((IntVector) columns[PARTITION]).set(row, record.partition());
    ((LongVector) columns[OFFSET]).set(row, record.offset());
    ((LongVector) columns[TIMESTAMP]).set(row, Math.multiplyExact(record.timestamp(), 1000L));
    ((IntVector) columns[TIMESTAMP_TYPE]).set(row, record.timestampType().id);
    if (includeHeaders) {
      headers(row, record.headers());
    }
    rows++;
    if (rows == batchSize) {
      flush();
    }
  }

  /** The batches built so far, the last one possibly short; the builder is done afterwards. */
  List<Batch> finish() {
    flush();
    return new ArrayList<>(batches);
  }

  /**
   * Takes the oldest batch built so far, or null when none is complete; after {@link #flush()} the
   * short last batch too. For a reader that hands batches on as they fill.
   */
  Batch pollBatch() {
    return batches.pollFirst();
  }

  /**
   * Writes the topic name's bytes once per batch and topic run: consecutive records of one topic
   * point at the same bytes, as a poll returns each partition's records together.
   */
  private void topic(int row, String topic) {
    BytesVector v = (BytesVector) columns[TOPIC];
    if (topic.equals(lastTopic) && lastTopicStart >= 0) {
      v.setRef(row, lastTopicStart, lastTopicLength);
      return;
    }
    byte[] bytes = topicBytes.computeIfAbsent(topic, t -> t.getBytes(StandardCharsets.UTF_8));
    v.append(row, bytes);
    lastTopic = topic;
    lastTopicStart = v.start(row);
    lastTopicLength = bytes.length;
  }

  private void bytes(int column, int row, byte[] value) {
    BytesVector v = (BytesVector) columns[column];
    if (value == null) {
      v.setNull(row);
    } else {
      v.append(row, value);
    }
  }

  private void headers(int row, Headers headers) {
    ArrayVector array = (ArrayVector) columns[HEADERS];
    Header[] all = headers.toArray();
    if (all.length == 0) {
      array.setNull(row);
      return;
    }
    int start = array.reserveElements(all.length);
    StructVector pairs = (StructVector) array.elements();
    BytesVector keys = (BytesVector) pairs.child(0);
    BytesVector values = (BytesVector) pairs.child(1);
    for (int i = 0; i < all.length; i++) {
      int at = start + i;
      keys.appendString(at, all[i].key());
      if (all[i].value() == null) {
        values.setNull(at);
      } else {
        values.append(at, all[i].value());
      }
      pairs.setNotNull(at);
    }
    array.setSlice(row, start, all.length);
  }

  /** Closes the batch being built, however short, so that it can be taken. */
  void flush() {
    if (rows > 0) {
      batches.add(new Batch(columns, rows));
    }
    columns = null;
    rows = 0;
    lastTopic = null;
    lastTopicStart = -1;
  }
}
