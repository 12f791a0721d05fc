package io.tideline.internal.state.rocksdb;

import static io.tideline.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stream-stream left outer join end to end with its four stores per partition in RocksDB. */
class RocksDbStreamStreamJoinTest {
  private static final StructType LEFT = StructType.fromDDL("lk STRING, lt TIMESTAMP");
  private static final StructType RIGHT = StructType.fromDDL("rk STRING, rt TIMESTAMP");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("rocksdb-join-test")
            .config("tideline.shuffle.partitions", 2)
            .config(StateStoreRegistry.PROVIDER_CLASS, "rocksdb")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Row row(String k, long seconds) {
    return Row.of(k, Instant.ofEpochSecond(seconds));
  }

  private static StreamingQuery start(DataFrame df, Path cp, Map<Long, List<Row>> batches) {
    return df.writeStream()
        .option("checkpointLocation", cp.toString())
        .foreachBatch((batch, id) -> batches.put(id, batch.collectAsList()))
        .start();
  }

  @Test
  void leftOuterJoin_keepsBothSidesInRocksDb_acrossARestart_andPadsOnlyUnmatchedRows()
      throws Exception {
    MemoryStream left = MemoryStream.of(t, LEFT);
    MemoryStream right = MemoryStream.of(t, RIGHT);
    DataFrame joined =
        left.toDF()
            .withWatermark("lt", "5 seconds")
            .join(
                right.toDF().withWatermark("rt", "5 seconds"),
                expr("lk = rk AND rt BETWEEN lt - INTERVAL 5 SECONDS AND lt + INTERVAL 5 SECONDS"),
                "left_outer");
    Path cp = dir.resolve("cp");
    Map<Long, List<Row>> batches = new ConcurrentSkipListMap<>();

    StreamingQuery first = start(joined, cp, batches);
    left.addData(row("a", 10), row("b", 11));
    right.addData(row("a", 12));
    first.processAllAvailable();
    first.stop();

    StreamingQuery second = start(joined, cp, batches);
    try {
      right.addData(row("a", 14), row("z", 40));
      second.processAllAvailable();
      left.addData(row("z", 41));
      second.processAllAvailable();
    } finally {
      second.stop();
    }

    List<Row> all = new ArrayList<>();
    batches.values().forEach(all::addAll);
    assertThat(all)
        .containsExactlyInAnyOrder(
            Row.of("a", Instant.ofEpochSecond(10), "a", Instant.ofEpochSecond(12)),
            Row.of("a", Instant.ofEpochSecond(10), "a", Instant.ofEpochSecond(14)),
            Row.of("z", Instant.ofEpochSecond(41), "z", Instant.ofEpochSecond(40)),
            Row.of("b", Instant.ofEpochSecond(11), null, null));
    assertThat(Files.isDirectory(cp.resolve("state/0/0/left-keyWithIndexToValue"))).isTrue();
    assertThat(Files.isDirectory(cp.resolve("state/0/1/right-keyToNumValues"))).isTrue();
  }
}
