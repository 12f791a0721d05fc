package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ParallelRangeReaderTest {

  private static KafkaRangeReader.Range range(int partition, long from, long until) {
    return new KafkaRangeReader.Range(new TopicPartition("t", partition), from, until);
  }

  @Test
  void groups_fourEqualPartitionsOnTwoReaders_giveTwoOfEach() {
    List<List<KafkaRangeReader.Range>> groups =
        ParallelRangeReader.groups(
            List.of(range(0, 0, 100), range(1, 0, 100), range(2, 0, 100), range(3, 0, 100)), 2, 10);

    assertThat(groups).hasSize(2);
    assertThat(groups).allSatisfy(g -> assertThat(g).hasSize(2));
  }

  @Test
  void groups_unevenPartitions_balanceTheRecordCounts() {
    List<List<KafkaRangeReader.Range>> groups =
        ParallelRangeReader.groups(
            List.of(range(0, 0, 300), range(1, 0, 100), range(2, 0, 100), range(3, 0, 100)), 2, 10);

    assertThat(groups.get(0)).containsExactly(range(0, 0, 300));
    assertThat(groups.get(1))
        .containsExactlyInAnyOrder(range(1, 0, 100), range(2, 0, 100), range(3, 0, 100));
  }

  @Test
  void groups_fewRecordsOrOneNonEmptyPartition_stayInOneGroupWithoutEmptyRanges() {
    assertThat(ParallelRangeReader.groups(List.of(range(0, 0, 5), range(1, 0, 4)), 2, 10))
        .containsExactly(List.of(range(0, 0, 5), range(1, 0, 4)));
    assertThat(ParallelRangeReader.groups(List.of(range(0, 7, 7), range(1, 0, 400)), 2, 10))
        .containsExactly(List.of(range(1, 0, 400)));
  }

  @Test
  void read_largeBatch_readsEveryRangeExactlyOnceWithTwoConsumers() {
    List<MockConsumer<byte[], byte[]>> made = new ArrayList<>();
    MockConsumer<byte[], byte[]> main = consumerWith(made);
    ParallelRangeReader reader =
        new ParallelRangeReader(
            rangeReader(main),
            () -> consumerWith(made),
            ParallelRangeReaderTest::rangeReader,
            2,
            1,
            "test");

    List<Batch> batches =
        reader.read(
            List.of(range(0, 2, 8), range(1, 0, 10), range(2, 5, 5), range(3, 0, 4)),
            () -> new KafkaRecordBatchBuilder(KafkaSourceProvider.SCHEMA, false, 1000),
            e -> {
              throw e;
            });
    reader.close();

    List<String> read = new ArrayList<>();
    for (Batch b : batches) {
      for (int row = 0; row < b.size(); row++) {
        read.add(((IntVector) b.column(3)).get(row) + ":" + ((LongVector) b.column(4)).get(row));
      }
    }
    List<String> expected = new ArrayList<>();
    for (long o = 2; o < 8; o++) {
      expected.add("0:" + o);
    }
    for (long o = 0; o < 10; o++) {
      expected.add("1:" + o);
    }
    for (long o = 0; o < 4; o++) {
      expected.add("3:" + o);
    }
    assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
    // Partition 1 alone is as big as 0 and 3 together: the two groups went to two consumers.
    assertThat(made).hasSize(2);
    assertThat(made.get(1).closed()).isTrue();
    assertThat(main.closed()).as("the source closes its own consumer").isFalse();
  }

  private static KafkaRangeReader rangeReader(
      org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer) {
    return new KafkaRangeReader(consumer, null, 10_000, "test", "127.0.0.1:1");
  }

  /** A consumer over partitions 0..3 of "t", each holding offsets 0..11. */
  private static MockConsumer<byte[], byte[]> consumerWith(
      List<MockConsumer<byte[], byte[]>> made) {
    MockConsumer<byte[], byte[]> c = new MockConsumer<>("none");
    made.add(c);
    Map<TopicPartition, Long> beginning = new HashMap<>();
    for (int p = 0; p < 4; p++) {
      beginning.put(new TopicPartition("t", p), 0L);
    }
    c.updateBeginningOffsets(beginning);
    c.schedulePollTask(() -> fill(c));
    return c;
  }

  /**
   * Adds every assigned partition's records from its position on, as a broker would return them.
   */
  private static void fill(MockConsumer<byte[], byte[]> c) {
    for (TopicPartition tp : c.assignment()) {
      for (long o = c.position(tp); o < 12; o++) {
        c.addRecord(new ConsumerRecord<>("t", tp.partition(), o, new byte[0], new byte[] {1}));
      }
    }
    c.schedulePollTask(() -> fill(c));
  }
}
