package io.tideline.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Histogram;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The fast byte-level path plus its Jackson fallback decodes exactly what the Jackson path alone
 * decodes: same statuses, same vectors (to the bit for doubles), same failures, in every mode and
 * for pruned schemas, whatever the records hold (field order, extra nested or escaped fields, white
 * space, nulls, numbers in many forms, wrong types, malformed lines).
 */
class FastRecordScannerPropertyTest {
  private static final StructType FULL =
      JsonTestSupport.schema(
          "s STRING, l BIGINT, i INT, d DOUBLE, b BOOLEAN, t TIMESTAMP, dt DATE, _corrupt_record"
              + " STRING");

  private static final List<String> KEYS =
      List.of("s", "l", "i", "d", "b", "t", "dt", "x", "nested", "_corrupt_record", "\\u0073");

  private static final List<String> SCALARS =
      List.of(
          "\"abc\"",
          "\"\"",
          "\"a\\\"b\"",
          "\"\\u0041\\n\"",
          "\"caf\u00e9\"",
          "\"2024-01-15T10:30:00Z\"",
          "\"2024-01-15T10:30:00.123456+01:00\"",
          "\"2024-01-15 10:30:00\"",
          "\"2024-02-30T00:00:00Z\"",
          "\"2024-01-15\"",
          "\"2024-13-01\"",
          "\"1700000000\"",
          "\"NaN\"",
          "\"Infinity\"",
          "\"-INF\"",
          "\"1.5\"",
          "\"true\"",
          "'single'",
          "1",
          "0",
          "-0",
          "-0.0",
          "1e5",
          "1.5E-3",
          "2E+2",
          "12345678901234567890",
          "-9223372036854775808",
          "9223372036854775807",
          "123456789012345678",
          "2147483647",
          "2147483648",
          "-2147483649",
          "0.1",
          "-12.34",
          "443.21",
          "0.30000000000000004",
          "1.7976931348623157e308",
          "4.9e-324",
          "1e400",
          "123456789.123456789123",
          "9007199254740993",
          "9007199254740993.0",
          "1e22",
          "1e23",
          "01",
          "1.",
          ".5",
          "-",
          "+1",
          "1e",
          "NaN",
          "-Infinity",
          "true",
          "false",
          "null",
          "nul",
          "tru",
          "truex",
          "{}",
          "[]",
          "{\"a\":[1,{\"b\":\"x\\\"y\"}],\"c\":null}",
          "[1,2,]",
          "{\"a\" 1}",
          "[[[[\"deep\"]]]]",
          "[\"\\q\"]",
          "{\"k\":\"\\u12G4\"}");

  @Property(tries = 400)
  @StatisticsReport(format = Histogram.class)
  void decode_fastPathAndFallback_equalJacksonAlone(
      @ForAll("records") List<String> lines, @ForAll("schemas") StructType schema) {
    byte[] buf = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    JsonOptions options = new JsonOptions(Map.of(), ZoneOffset.UTC);
    RecordDecoder fast = new RecordDecoder(schema, options, true, true);
    RecordDecoder jackson = new RecordDecoder(schema, options, true, false);
    fast.setRegion(buf, buf.length);
    jackson.setRegion(buf, buf.length);
    StructVector fastOut = new StructVector(schema, 4);
    StructVector jacksonOut = new StructVector(schema, 4);
    int off = 0;
    for (String line : lines) {
      int len = line.getBytes(StandardCharsets.UTF_8).length;
      fastOut.reset();
      jacksonOut.reset();
      statisticsOfFastPath(schema, options, buf, off, len);
      int fastStatus = fast.decode(buf, off, len, fastOut, 0);
      int jacksonStatus = jackson.decode(buf, off, len, jacksonOut, 0);
      assertThat(fastStatus).as("status of %s", line).isEqualTo(jacksonStatus);
      assertThat(fast.rowsWritten).as("rows of %s", line).isEqualTo(jackson.rowsWritten);
      for (int r = 0; r < fast.rowsWritten; r++) {
        assertThat(fastOut.getObject(r)).as("row of %s", line).isEqualTo(jacksonOut.getObject(r));
      }
      if (fastStatus == RecordDecoder.MALFORMED || fastStatus == RecordDecoder.PARTIAL) {
        assertThat(fast.state.cause()).isEqualTo(jackson.state.cause());
      }
      off += len + 1;
    }
    Statistics.label("fast path").coverage(c -> c.check("decoded").percentage(p -> p > 20));
  }

  /** Records which records the fast path decodes itself, so the property cannot pass vacuously. */
  private static void statisticsOfFastPath(
      StructType schema, JsonOptions options, byte[] buf, int off, int len) {
    int corrupt = RecordDecoder.corruptIndex(schema, options.columnNameOfCorruptRecord);
    FastRecordScanner scanner = FastRecordScanner.forSchema(schema, options, corrupt);
    int first = off;
    while (first < off + len && (buf[first] == ' ' || buf[first] == '\t' || buf[first] == '\r')) {
      first++;
    }
    if (first < off + len) {
      boolean handled = scanner.decode(buf, first, off + len, new StructVector(schema, 1), 0);
      Statistics.label("fast path").collect(handled ? "decoded" : "declined");
    }
  }

  @Property(tries = 200)
  void read_eachMode_fastPathEqualsJacksonAlone(
      @ForAll("records") List<String> lines,
      @ForAll("schemas") StructType schema,
      @ForAll JsonOptions.Mode mode,
      @ForAll boolean crlf)
      throws IOException {
    Path file = Files.createTempFile("fast-json", ".json");
    try {
      Files.write(file, String.join(crlf ? "\r\n" : "\n", lines).getBytes(StandardCharsets.UTF_8));
      JsonOptions options = new JsonOptions(Map.of("mode", mode.name()), ZoneOffset.UTC);
      assertThat(readAll(file, schema, options, true))
          .isEqualTo(readAll(file, schema, options, false));
    } finally {
      Files.delete(file);
    }
  }

  @Example
  void read_mostlyDeclinedLinesThenPlainOnes_equalJacksonAlone() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < 3000; k++) {
      if (k < 1500 || k % 7 == 0) {
        sb.append("{\"s\":\"esc\\\"aped ").append(k).append("\",\"l\":").append(k).append("}\n");
      } else {
        sb.append("{\"s\":\"plain").append(k).append("\",\"d\":").append(k).append(".5}\n");
      }
    }
    Path file = Files.createTempFile("fast-json", ".json");
    try {
      Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
      JsonOptions options = new JsonOptions(Map.of(), ZoneOffset.UTC);
      List<Object> fast = readAll(file, FULL, options, true);
      assertThat(fast).isEqualTo(readAll(file, FULL, options, false));
      assertThat(fast.toString()).contains("esc\"aped 1499", "plain2999");
    } finally {
      Files.delete(file);
    }
  }

  /** Every row of the file as objects, or the failure's message. */
  private static List<Object> readAll(
      Path file, StructType schema, JsonOptions options, boolean fastPath) throws IOException {
    List<Object> rows = new ArrayList<>();
    FileSplit split = new FileSplit(file, 0, Files.size(file), Files.size(file));
    try (JsonLinesReader reader = new JsonLinesReader(split, schema, options, 3, fastPath)) {
      Batch b;
      while ((b = reader.next()) != null) {
        for (int c = 0; c < schema.size(); c++) {
          rows.add(JsonTestSupport.objects(b.column(c), b.numRows()));
        }
      }
    } catch (RuntimeException e) {
      rows.add(e.getClass().getName() + ": " + e.getMessage());
    }
    return rows;
  }

  @Provide
  Arbitrary<StructType> schemas() {
    return Arbitraries.subsetOf(FULL.fields())
        .filter(s -> !s.isEmpty())
        .filter(
            s ->
                !(s.size() == 1
                    && s.iterator()
                        .next()
                        .name()
                        .equals(JsonOptions.DEFAULT_CORRUPT_RECORD_COLUMN)))
        .map(
            s -> {
              List<StructField> kept = new ArrayList<>();
              for (StructField f : FULL.fields()) {
                if (s.contains(f)) {
                  kept.add(f);
                }
              }
              return new StructType(kept);
            });
  }

  @Provide
  Arbitrary<List<String>> records() {
    return Arbitraries.oneOf(record(), record(), plainRecord(), plainRecord(), malformed(), blank())
        .list()
        .ofMaxSize(8);
  }

  private Arbitrary<String> blank() {
    return Arbitraries.of("", "  ", "\t", "\r");
  }

  private Arbitrary<String> whitespace() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just("")),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(" ")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("\t", "\r", "  ", " \t ", "\u000b", "/*c*/")));
  }

  private Arbitrary<String> value() {
    Arbitrary<String> numbers =
        Arbitraries.oneOf(
            Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("N")),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.integers()
                .between(-100000, 100000)
                .map(v -> v / 100 + "." + Math.abs(v % 100)),
            Arbitraries.doubles().between(-1e6, 1e6).map(v -> String.format("%.2f", v)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.of(SCALARS)),
        net.jqwik.api.Tuple.of(2, numbers),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(6).map(s -> quote(s))),
        net.jqwik.api.Tuple.of(1, nested(3)),
        net.jqwik.api.Tuple.of(6, plain()));
  }

  /** Values the fast path decodes itself for some field type. */
  private Arbitrary<String> plain() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().ofMaxLength(12).map(s -> "\"" + s + "\""),
        Arbitraries.integers().between(-1000, 100000).map(String::valueOf),
        Arbitraries.integers().between(0, 99999).map(v -> v / 100 + "." + v % 100),
        Arbitraries.of("true", "false", "null", "\"2024-01-15T00:00:09Z\"", "\"2023-12-31\""));
  }

  /** Random arrays and objects of scalars, nested up to {@code depth}, with random white space. */
  private Arbitrary<String> nested(int depth) {
    Arbitrary<String> element =
        depth == 0
            ? Arbitraries.of(SCALARS)
            : Arbitraries.oneOf(Arbitraries.of(SCALARS), Arbitraries.lazy(() -> nested(depth - 1)));
    Arbitrary<String> array =
        Combinators.combine(element.list().ofMaxSize(4), whitespace())
            .as((items, w) -> "[" + w + String.join(w + "," + w, items) + w + "]");
    Arbitrary<String> object =
        Combinators.combine(
                Combinators.combine(Arbitraries.of(KEYS), whitespace(), element)
                    .as((k, w, v) -> "\"" + k + "\"" + w + ":" + w + v)
                    .list()
                    .ofMaxSize(4),
                whitespace())
            .as((members, w) -> "{" + w + String.join(w + "," + w, members) + w + "}");
    return Arbitraries.oneOf(array, object);
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private Arbitrary<String> member() {
    return Combinators.combine(Arbitraries.of(KEYS), whitespace(), whitespace(), value())
        .as((k, w1, w2, v) -> "\"" + k + "\"" + w1 + ":" + w2 + v);
  }

  private Arbitrary<String> record() {
    return Combinators.combine(
            member().list().ofMaxSize(9), whitespace(), whitespace(), whitespace())
        .as(
            (members, before, sep, after) -> {
              StringBuilder sb = new StringBuilder(before).append('{');
              for (int k = 0; k < members.size(); k++) {
                if (k > 0) {
                  sb.append(sep).append(',').append(sep);
                }
                sb.append(members.get(k));
              }
              return sb.append(sep).append('}').append(after).toString();
            });
  }

  /** A record of well-typed values for each key, with ordinary white space. */
  private Arbitrary<String> plainRecord() {
    Arbitrary<String> member =
        Arbitraries.of(KEYS)
            .flatMap(
                k ->
                    typedValue(k)
                        .map(v -> "\"" + k + "\"" + (v.length() % 3 == 0 ? " : " : ":") + v));
    return member.list().ofMaxSize(9).map(ms -> "{" + String.join(", ", ms) + "}");
  }

  private Arbitrary<String> typedValue(String key) {
    Arbitrary<Integer> ints = Arbitraries.integers().between(-100000, 100000);
    return switch (key) {
      case "l", "i" -> ints.map(String::valueOf);
      case "d" -> Arbitraries.oneOf(ints.map(String::valueOf), plain());
      case "b" -> Arbitraries.of("true", "false", "null");
      case "t" ->
          Arbitraries.of("\"2024-01-15T00:00:09Z\"", "\"2024-01-15 10:30:00.5\"", "1700000000");
      case "dt" -> Arbitraries.of("\"2024-01-15\"", "\"2000-02-29\"", "null");
      default -> plain();
    };
  }

  private Arbitrary<String> malformed() {
    return Combinators.combine(
            record(), Arbitraries.integers().between(0, 1000), Arbitraries.of(0, 1, 2, 3))
        .as(
            (r, cut, how) ->
                switch (how) {
                  case 0 -> r.substring(0, cut % (r.length() + 1));
                  case 1 -> r + " junk";
                  case 2 -> r.replaceFirst(",", "");
                  default -> "[" + r + "," + r + "]";
                });
  }
}
