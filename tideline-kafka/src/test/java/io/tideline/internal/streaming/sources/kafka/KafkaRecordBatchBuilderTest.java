package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Records to columns: Spark's kafka row layout, split into batches of the configured size. */
class KafkaRecordBatchBuilderTest {

  private static ConsumerRecord<byte[], byte[]> record(
      long offset, String key, String value, RecordHeaders headers) {
    return record("orders", offset, key, value, headers);
  }

  private static ConsumerRecord<byte[], byte[]> record(
      String topic, long offset, String key, String value, RecordHeaders headers) {
    return new ConsumerRecord<>(
        topic,
        3,
        offset,
        1_700_000_000_123L,
        TimestampType.LOG_APPEND_TIME,
        -1,
        -1,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8),
        headers,
        Optional.empty());
  }

  @Test
  void add_fillsSparksColumns_andStartsANewBatchWhenFull() {
    KafkaRecordBatchBuilder builder =
        new KafkaRecordBatchBuilder(KafkaSourceProvider.SCHEMA, false, 2);
    builder.add(record(10, "k", "a", new RecordHeaders()));
    builder.add(record(11, null, "b", new RecordHeaders()));
    builder.add(record(12, "k", "c", new RecordHeaders()));
    List<Batch> batches = builder.finish();

    assertThat(batches).extracting(Batch::numRows).containsExactly(2, 1);
    Batch first = batches.get(0);
    assertThat(((BytesVector) first.column(0)).getString(0)).isEqualTo("k");
    assertThat(first.column(0).isNullAt(1)).isTrue();
    assertThat(((BytesVector) first.column(1)).getString(1)).isEqualTo("b");
    assertThat(((BytesVector) first.column(2)).getString(1)).isEqualTo("orders");
    assertThat(((IntVector) first.column(3)).get(0)).isEqualTo(3);
    assertThat(((LongVector) first.column(4)).get(1)).isEqualTo(11);
    assertThat(((LongVector) first.column(5)).get(0)).isEqualTo(1_700_000_000_123_000L);
    assertThat(((IntVector) first.column(6)).get(0)).isEqualTo(1);
  }

  @Test
  void topic_isRightForEveryRow_whenRecordsOfSeveralTopicsInterleave() {
    KafkaRecordBatchBuilder builder =
        new KafkaRecordBatchBuilder(KafkaSourceProvider.SCHEMA, false, 3);
    String[] topics = {"a", "a", "bb", "a", "bb", "bb", "a"};
    for (int i = 0; i < topics.length; i++) {
      builder.add(record(topics[i], i, null, "v" + i, new RecordHeaders()));
    }
    List<String> seen = new java.util.ArrayList<>();
    for (Batch b : builder.finish()) {
      for (int r = 0; r < b.numRows(); r++) {
        seen.add(((BytesVector) b.column(2)).getString(r));
      }
    }
    assertThat(seen).containsExactly(topics);
  }

  @Test
  void headers_areKeyValuePairsInOrder_andNullWhenTheRecordHasNone() {
    KafkaRecordBatchBuilder builder =
        new KafkaRecordBatchBuilder(KafkaSourceProvider.SCHEMA_WITH_HEADERS, true, 8);
    RecordHeaders headers = new RecordHeaders();
    headers.add(new RecordHeader("trace", "t1".getBytes(StandardCharsets.UTF_8)));
    headers.add(new RecordHeader("empty", null));
    builder.add(record(0, "k", "a", headers));
    builder.add(record(1, "k", "b", new RecordHeaders()));
    Batch batch = builder.finish().get(0);

    ArrayVector h = (ArrayVector) batch.column(7);
    assertThat(h.length(0)).isEqualTo(2);
    StructVector pairs = (StructVector) h.elements();
    int start = h.start(0);
    assertThat(((BytesVector) pairs.child(0)).getString(start)).isEqualTo("trace");
    assertThat(((BytesVector) pairs.child(1)).getString(start)).isEqualTo("t1");
    assertThat(((BytesVector) pairs.child(0)).getString(start + 1)).isEqualTo("empty");
    assertThat(pairs.child(1).isNullAt(start + 1)).isTrue();
    assertThat(h.isNullAt(1)).isTrue();
  }
}
