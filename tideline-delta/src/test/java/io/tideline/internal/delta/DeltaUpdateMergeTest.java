package io.tideline.internal.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge of update mode, on batch DataFrames. */
class DeltaUpdateMergeTest {
  private static Tideline t;
  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t =
        Tideline.builder()
            .appName("delta-merge")
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  @Test
  void merge_replacesRowsWithChangedKeys_nullKeysIncluded() {
    StructType schema = StructType.fromDDL("k STRING, n BIGINT");
    String path = dir.resolve("t").toString();
    t.createDataFrame(List.of(Row.of("a", 1L), Row.of("b", 1L), Row.of((Object) null, 1L)), schema)
        .write()
        .format("delta")
        .save(path);
    DeltaTable table = DeltaTable.at(path);
    DataFrame changed =
        DeltaUpdateMerge.materialize(
            t.createDataFrame(List.of(Row.of("a", 2L), Row.of((Object) null, 5L)), schema));

    DataFrame merged =
        DeltaUpdateMerge.rewrite(table, table.latestOrFail(), changed, List.of("k")).data();

    assertThat(merged.collectAsList())
        .containsExactlyInAnyOrder(Row.of("a", 2L), Row.of("b", 1L), Row.of(null, 5L));
  }
}
