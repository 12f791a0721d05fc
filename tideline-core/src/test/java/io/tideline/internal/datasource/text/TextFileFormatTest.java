package io.tideline.internal.datasource.text;

import static io.tideline.internal.datasource.text.FormatTestSupport.readAll;
import static io.tideline.internal.datasource.text.FormatTestSupport.readInSplits;
import static io.tideline.internal.datasource.text.FormatTestSupport.row;
import static io.tideline.internal.datasource.text.FormatTestSupport.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileFormatTest {
  private final TextFileFormat text = new TextFileFormat();
  private final TidelineConf conf = new TidelineConf();
  private final StructType value = TextFileFormat.SCHEMA;
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path p = dir.resolve("t" + System.nanoTime() + ".txt");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void inferSchema_isSingleValueString() {
    assertThat(text.inferSchema(List.of(), Map.of(), conf)).isEqualTo(schema("value STRING"));
  }

  @Test
  void read_oneRowPerLine_allSeparators_keepsEmptyLines() throws IOException {
    assertThat(readAll(text, file("a\r\nb\rc\n\nd"), value, value, Map.of(), conf))
        .containsExactly(row("a"), row("b"), row("c"), row(""), row("d"));
  }

  @Test
  void read_customMultiByteLineSep() throws IOException {
    Path f = file("one||two||three");
    assertThat(readAll(text, f, value, value, Map.of("lineSep", "||"), conf))
        .containsExactly(row("one"), row("two"), row("three"));
    for (long size = 1; size < 16; size++) {
      assertThat(readInSplits(text, f, size, value, value, Map.of("lineSep", "||"), conf))
          .as("split size %d", size)
          .containsExactly(row("one"), row("two"), row("three"));
    }
  }

  @Test
  void read_wholetext_isOneRowPerFileAndNotSplittable() throws IOException {
    Map<String, String> opts = Map.of("wholetext", "true");
    assertThat(text.isSplittable(opts)).isFalse();
    assertThat(text.isSplittable(Map.of())).isTrue();
    assertThat(readAll(text, file("a\nb\n"), value, value, opts, conf))
        .containsExactly(row("a\nb\n"));
  }

  @Test
  void read_splitsOfEverySize_yieldEveryLineOnce() throws IOException {
    StringBuilder sb = new StringBuilder();
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String line = "line-" + i + "é".repeat(i % 4);
      sb.append(line).append(i % 5 == 0 ? "\r\n" : i % 7 == 0 ? "\r" : "\n");
      expected.add(row(line));
    }
    Path f = file(sb.toString());
    for (long size : new long[] {1, 2, 5, 13, 64, 1000, 100_000}) {
      assertThat(readInSplits(text, f, size, value, value, Map.of(), conf))
          .as("split size %d", size)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void read_lineLongerThanBuffer_isWhole() throws IOException {
    String longLine = "x".repeat(200_000);
    assertThat(readAll(text, file("a\n" + longLine + "\nb"), value, value, Map.of(), conf))
        .containsExactly(row("a"), row(longLine), row("b"));
  }

  @Test
  void read_missingFile_isPathNotFound() {
    Path missing = dir.resolve("none.txt");
    assertThatThrownBy(
            () ->
                FormatTestSupport.readSplits(
                    text, List.of(new FileSplit(missing, 0, 1, 1)), value, value, Map.of(), conf))
        .hasMessageContaining("PATH_NOT_FOUND")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void read_gzNameButNotGzip_failsNamingFile() throws IOException {
    Path f = dir.resolve("fake.txt.gz");
    Files.writeString(f, "plain text");
    assertThatThrownBy(() -> readAll(text, f, value, value, Map.of(), conf))
        .hasMessageContaining("FAILED_READ_FILE")
        .hasMessageContaining(f.toString());
  }

  @Test
  void write_nullsAsEmptyLines_andReadBack() throws IOException {
    Path out = dir.resolve("out.txt");
    try (BatchWriter w = text.newWriter(out, value, Map.of(), conf)) {
      w.write(
          FormatTestSupport.batch(
              value, List.of(row("a"), Arrays.asList((Object) null), row("c"))));
    }
    assertThat(Files.readString(out)).isEqualTo("a\n\nc\n");
    assertThat(readAll(text, out, value, value, Map.of(), conf))
        .containsExactly(row("a"), row(""), row("c"));
  }

  @Test
  void write_customLineSepAndGzip() throws IOException {
    Map<String, String> opts = Map.of("lineSep", ";", "compression", "gzip");
    assertThat(text.extension(opts)).isEqualTo(".txt.gz");
    Path out = dir.resolve("out.txt.gz");
    try (BatchWriter w = text.newWriter(out, value, opts, conf)) {
      w.write(FormatTestSupport.batch(value, List.of(row("a"), row("b"))));
    }
    assertThat(readAll(text, out, value, value, Map.of("lineSep", ";"), conf))
        .containsExactly(row("a"), row("b"));
  }

  @Test
  void write_refusesSeveralColumnsOrNonString() {
    assertThatThrownBy(
            () -> text.newWriter(dir.resolve("x"), schema("a STRING, b STRING"), Map.of(), conf))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("TEXT_DATA_SOURCE_MULTIPLE_COLUMNS")
        .hasMessageContaining("a, b");
    assertThatThrownBy(() -> text.newWriter(dir.resolve("y"), schema("a INT"), Map.of(), conf))
        .hasMessageContaining("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE");
  }

  @Test
  void read_emptyRequiredSchema_countsLines() throws IOException {
    assertThat(readAll(text, file("a\nb\nc\n"), value, new StructType(), Map.of(), conf))
        .hasSize(3);
  }
}
