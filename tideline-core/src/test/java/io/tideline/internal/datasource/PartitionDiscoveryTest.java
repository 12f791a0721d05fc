package io.tideline.internal.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionDiscoveryTest {
  private static Tideline t;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("partition-discovery-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void read_partitionFolders_addTypedColumnsAfterTheDataColumns() throws IOException {
    write("day=2024-01-01/shard=1/a.json", "{\"v\":\"x\"}\n");
    write("day=2024-01-02/shard=30000000000/b.json", "{\"v\":\"y\"}\n");
    write("day=__HIVE_DEFAULT_PARTITION__/shard=2/c.json", "{\"v\":\"z\"}\n");

    DataFrame df = t.read().json(dir.toString());

    assertThat(df.columns()).containsExactly("v", "day", "shard");
    assertThat(df.schema().field(1).dataType()).isEqualTo(DataTypes.DateType);
    assertThat(df.schema().field(2).dataType()).isEqualTo(DataTypes.LongType);
    assertThat(df.collectAsList())
        .containsExactlyInAnyOrder(
            Row.of("x", LocalDate.of(2024, 1, 1), 1L),
            Row.of("y", LocalDate.of(2024, 1, 2), 30000000000L),
            Row.of("z", null, 2L));
  }

  @Test
  void read_userSchemaNamingAPartitionColumn_setsItsType() throws IOException {
    write("k=7/a.json", "{\"v\":\"x\"}\n");

    DataFrame df = t.read().schema(StructType.fromDDL("v STRING, k STRING")).json(dir.toString());

    assertThat(df.collectAsList()).containsExactly(Row.of("x", "7"));
  }

  @Test
  void read_escapedValuesAndMixedTypes_becomeStrings() throws IOException {
    write("k=a%2Fb/a.json", "{\"v\":1}\n");
    write("k=2/b.json", "{\"v\":2}\n");

    DataFrame df = t.read().json(dir.toString()).select("k", "v");

    assertThat(df.collectAsList()).containsExactlyInAnyOrder(Row.of("a/b", 1L), Row.of("2", 2L));
  }

  @Test
  void read_folderWithoutPartitionFolders_hasOnlyTheFilesColumns() throws IOException {
    write("plain/a.json", "{\"v\":1}\n");
    write("b.json", "{\"v\":2}\n");

    assertThat(t.read().json(dir.toString()).columns()).containsExactly("v");
  }

  @Test
  void unescape_reversesEscape() {
    String raw = "a/b:c=d%e ü";
    assertThat(PartitionDiscovery.unescape(PartitionPaths.escape(raw))).isEqualTo(raw);
    assertThat(PartitionDiscovery.unescape("100%")).isEqualTo("100%");
  }
}
