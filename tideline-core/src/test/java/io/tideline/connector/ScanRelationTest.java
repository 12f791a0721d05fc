package io.tideline.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.ScanRelation;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScanRelationTest {

  /** Serves {@code 0..end} as one partition per {@code split} rows; {@code end} may grow. */
  private static final class GrowingScan implements BatchScan {
    final AtomicLong end = new AtomicLong();
    final AtomicInteger plans = new AtomicInteger();
    final int split;

    GrowingScan(int split) {
      this.split = split;
    }

    @Override
    public List<ScanPartition> planPartitions() {
      plans.incrementAndGet();
      long n = end.get();
      List<ScanPartition> out = new ArrayList<>();
      for (long from = 0; from < n; from += split) {
        long start = from;
        long until = Math.min(n, from + split);
        out.add(() -> rows(start, until));
      }
      return out;
    }

    @Override
    public String description() {
      return "Growing";
    }
  }

  private static Iterator<Batch> rows(long from, long until) {
    int n = (int) (until - from);
    LongVector ids = new LongVector(DataTypes.LongType, n);
    LongVector doubled = new LongVector(DataTypes.LongType, n);
    for (int i = 0; i < n; i++) {
      ids.set(i, from + i);
      doubled.set(i, 2 * (from + i));
    }
    return List.of(new Batch(new ColumnVector[] {ids, doubled}, n)).iterator();
  }

  private static Tideline t;

  @BeforeAll
  static void start() {
    t = Tideline.builder().getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static DataFrame frame(GrowingScan scan) {
    List<Attribute> output =
        List.of(
            new Attribute("id", DataTypes.LongType, true),
            new Attribute("doubled", DataTypes.LongType, true));
    return DataFrame.ofPlan(t, new ScanRelation(output, scan));
  }

  @Test
  void eachAction_plansThePartitionsAgain_andSeesNewData() {
    GrowingScan scan = new GrowingScan(10);
    DataFrame df = frame(scan);
    assertThat(scan.plans).as("building the DataFrame reads nothing").hasValue(0);

    scan.end.set(5);
    assertThat(df.count()).isEqualTo(5);
    scan.end.set(25);
    assertThat(df.count()).isEqualTo(25);
    assertThat(scan.plans.get()).isEqualTo(2);
  }

  @Test
  void partitions_areAllRead_andColumnsPruned() {
    GrowingScan scan = new GrowingScan(3);
    scan.end.set(10);

    List<Row> rows = frame(scan).filter("id >= 7").select("doubled").collectAsList();

    assertThat(rows).extracting(r -> r.getLong(0)).containsExactlyInAnyOrder(14L, 16L, 18L);
  }

  @Test
  void noPartitions_isAnEmptyResult() {
    assertThat(frame(new GrowingScan(3)).collectAsList()).isEmpty();
  }

  /** An iterator over one batch that counts how often it is closed. */
  private static final class CountingIterator implements Iterator<Batch>, AutoCloseable {
    private final Iterator<Batch> rows;
    private final AtomicInteger closes;

    CountingIterator(Iterator<Batch> rows, AtomicInteger closes) {
      this.rows = rows;
      this.closes = closes;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public Batch next() {
      return rows.next();
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @Test
  void closeablePartitionIterators_areClosed_whenReadToTheEnd_andWhenALimitStopsThemEarly() {
    AtomicInteger closes = new AtomicInteger();
    BatchScan scan =
        new BatchScan() {
          @Override
          public List<ScanPartition> planPartitions() {
            return List.of(
                () -> new CountingIterator(rows(0, 10), closes),
                () -> new CountingIterator(rows(10, 20), closes));
          }

          @Override
          public String description() {
            return "Closeable";
          }
        };
    List<Attribute> output =
        List.of(
            new Attribute("id", DataTypes.LongType, true),
            new Attribute("doubled", DataTypes.LongType, true));
    DataFrame df = DataFrame.ofPlan(t, new ScanRelation(output, scan));

    assertThat(df.count()).isEqualTo(20);
    assertThat(closes).as("read to the end").hasValue(2);
    assertThat(df.limit(1).collectAsList()).hasSize(1);
    assertThat(closes).as("stopped by the limit").hasValue(4);
  }
}
