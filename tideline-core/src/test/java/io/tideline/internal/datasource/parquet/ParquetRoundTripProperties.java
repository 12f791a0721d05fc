package io.tideline.internal.datasource.parquet;

import static io.tideline.internal.datasource.text.FormatTestSupport.readSplits;
import static io.tideline.internal.datasource.text.FormatTestSupport.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.datasource.text.FormatTestSupport;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ParquetRoundTripProperties {
  private static final StructType INNER = schema("x INT, ys ARRAY<STRING>");
  private static final StructType VALUE = schema("z BIGINT");
  private static final StructType SCHEMA =
      schema(
          "id INT, a ARRAY<STRUCT<x: INT, ys: ARRAY<STRING>>>, m MAP<STRING, STRUCT<z: BIGINT>>,"
              + " s STRUCT<x: INT, ys: ARRAY<STRING>>");

  /**
   * Nested values with nulls and empties at every level survive a write and a read, whatever the
   * batch size, row-group size and split size.
   */
  @Property(tries = 60)
  void write_thenRead_nestedValuesSurvive(
      @ForAll("rows") List<List<Object>> rows,
      @ForAll @IntRange(min = 1, max = 50) int batchSize,
      @ForAll @IntRange(min = 1, max = 4) int splits)
      throws IOException {
    Path dir = Files.createTempDirectory("pqprop");
    try {
      Path f = dir.resolve("p.parquet");
      TidelineConf conf =
          new TidelineConf().set(TidelineConf.BATCH_SIZE, Integer.toString(batchSize));
      ParquetFileFormat parquet = new ParquetFileFormat();
      Map<String, String> options =
          Map.of("parquet.block.size", "2048", "parquet.page.size", "256");
      try (BatchWriter w = parquet.newWriter(f, SCHEMA, options, conf)) {
        int half = rows.size() / 2;
        w.write(FormatTestSupport.batch(SCHEMA, rows.subList(0, half)));
        w.write(FormatTestSupport.batch(SCHEMA, rows.subList(half, rows.size())));
      }
      long size = Files.size(f);
      long splitSize = size / splits + 1;
      List<FileSplit> fileSplits = new ArrayList<>();
      for (long start = 0; start < size; start += splitSize) {
        fileSplits.add(new FileSplit(f, start, Math.min(splitSize, size - start), size));
      }
      assertThat(readSplits(parquet, fileSplits, SCHEMA, SCHEMA, Map.of(), conf))
          .containsExactlyElementsOf(rows);
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Provide
  Arbitrary<List<List<Object>>> rows() {
    Arbitrary<String> str = Arbitraries.strings().alpha().ofMaxLength(5).injectNull(0.2);
    Arbitrary<List<String>> ys = str.list().ofMaxSize(3).injectNull(0.2);
    Arbitrary<Integer> ints = Arbitraries.integers().between(-1000, 1000).injectNull(0.2);
    Arbitrary<Row> inner =
        Combinators.combine(ints, ys).as((x, y) -> Row.withSchema(INNER, x, y)).injectNull(0.2);
    Arbitrary<List<Row>> array = inner.list().ofMaxSize(3).injectNull(0.2);
    Arbitrary<Row> value =
        Arbitraries.longs().injectNull(0.2).map(z -> Row.withSchema(VALUE, z)).injectNull(0.2);
    Arbitrary<Map<String, Row>> map =
        Arbitraries.strings()
            .alpha()
            .ofMinLength(1)
            .ofMaxLength(3)
            .list()
            .ofMaxSize(3)
            .uniqueElements()
            .flatMap(
                keys ->
                    value
                        .list()
                        .ofSize(keys.size())
                        .map(
                            vs -> {
                              Map<String, Row> m = new LinkedHashMap<>();
                              for (int i = 0; i < keys.size(); i++) {
                                m.put(keys.get(i), vs.get(i));
                              }
                              return m;
                            }))
            .injectNull(0.2);
    Arbitrary<List<Object>> row =
        Combinators.combine(Arbitraries.integers(), array, map, inner)
            .as((id, a, m, s) -> Arrays.<Object>asList(id, a, m, s));
    return row.list().ofMinSize(1).ofMaxSize(60);
  }
}
