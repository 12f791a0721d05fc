package io.tideline.internal.datasource.csv;

import static io.tideline.internal.datasource.text.FormatTestSupport.readInSplits;
import static io.tideline.internal.datasource.text.FormatTestSupport.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.text.FormatTestSupport;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;

class CsvRoundTripProperties {
  private static final Map<String, String> OPTIONS =
      Map.of(
          "header", "true",
          "ignoreLeadingWhiteSpace", "false",
          "ignoreTrailingWhiteSpace", "false");

  /**
   * Whatever the strings (delimiters, quotes, escapes, blanks, non-ASCII), writing then reading in
   * any split size gives them back; the empty string reads as null, as in Spark.
   */
  @Property(tries = 200)
  void write_thenReadInSplits_givesBackEveryValue(
      @ForAll @Size(max = 30)
          List<
                  @WithNull(0.1) @StringLength(max = 12)
                  @Chars({',', '"', '\\', ' ', '\t', 'é', '#'}) @CharRange(from = 'a', to = 'c')
                  String>
              values,
      @ForAll @IntRange(min = 1, max = 64) int splitSize)
      throws IOException {
    roundTrip(values, splitSize, OPTIONS);
  }

  /** With multiLine, values may also hold line breaks. */
  @Property(tries = 100)
  void multiLine_writeThenRead_givesBackLineBreaks(
      @ForAll @Size(max = 20)
          List<
                  @WithNull(0.1) @StringLength(max = 12) @Chars({',', '"', '\\', '\n', ' '})
                  @CharRange(from = 'a', to = 'b') String>
              values,
      @ForAll @IntRange(min = 1, max = 64) int splitSize)
      throws IOException {
    Map<String, String> options = new java.util.HashMap<>(OPTIONS);
    options.put("multiLine", "true");
    roundTrip(values, splitSize, options);
  }

  private static void roundTrip(List<String> values, int splitSize, Map<String, String> options)
      throws IOException {
    Path dir = Files.createTempDirectory("csvprop");
    try {
      StructType s = schema("id INT, v STRING");
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        rows.add(Arrays.asList(i, values.get(i)));
      }
      Path f = dir.resolve("p.csv");
      TidelineConf conf = new TidelineConf();
      CsvFileFormat csv = new CsvFileFormat();
      try (BatchWriter w = csv.newWriter(f, s, options, conf)) {
        w.write(FormatTestSupport.batch(s, rows));
      }
      List<List<Object>> expected = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        expected.add(Arrays.asList(i, v == null || v.isEmpty() ? null : v));
      }
      assertThat(readInSplits(csv, f, splitSize, s, s, options, conf))
          .containsExactlyElementsOf(expected);
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
