package io.tideline.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A by-hand throughput measurement (not a test, and skipped unless {@code -Dtideline.measure=true})
 * of decoding the seed's order lines into vectors, against Jackson's bare token loop over the same
 * bytes. Run: {@code mvn -q -pl tideline-core test -Dtest=JsonDecodeMeasurement
 * -Dtideline.measure=true}. Single thread, so the figures are per core.
 */
class JsonDecodeMeasurement {
  private static final int LINES = 200_000;
  private static final int ROUNDS = 12;

  private static long jacksonLoop(JsonFactory factory, byte[] data, int[] starts, int[] lengths)
      throws IOException {
    long tokens = 0;
    for (int i = 0; i < starts.length; i++) {
      try (JsonParser p = factory.createParser(data, starts[i], lengths[i])) {
        while (p.nextToken() != null) {
          tokens++;
        }
      }
    }
    return tokens;
  }

  private static long decodeLoop(
      RecordDecoder decoder, StructVector out, byte[] data, int[] starts, int[] lengths) {
    long status = 0;
    decoder.setRegion(data, data.length);
    for (int i = 0; i < starts.length; i++) {
      int row = i & 4095;
      if (row == 0) {
        out.reset();
      }
      status += decoder.decode(data, starts[i], lengths[i], out, row);
    }
    decoder.setRegion(null, 0);
    return status;
  }

  @Test
  @EnabledIfSystemProperty(named = "tideline.measure", matches = "true")
  void measure() throws IOException {
    StructType schema =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("customer_id", DataTypes.StringType)
            .add("product", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType)
            .add("order_time", DataTypes.TimestampType);
    StringBuilder sb = new StringBuilder();
    String[] products = {"widget", "gadget", "doohickey", "sprocket"};
    for (int i = 0; i < LINES; i++) {
      sb.append("{\"order_id\":\"o-")
          .append(i)
          .append("\",\"customer_id\":\"c-")
          .append(i % 997)
          .append("\",\"product\":\"")
          .append(products[i % 4])
          .append("\",\"amount\":")
          .append(i % 1000)
          .append('.')
          .append(i % 100)
          .append(",\"order_time\":\"2024-01-15T10:")
          .append(String.format("%02d:%02d", i / 60 % 60, i % 60))
          .append("Z\"}\n");
    }
    byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
    int[] starts = new int[LINES];
    int[] lengths = new int[LINES];
    for (int i = 0, line = 0, s = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        starts[line] = s;
        lengths[line] = i - s;
        line++;
        s = i + 1;
      }
    }
    double mb = data.length / 1e6;

    JsonFactory factory = new JsonFactory();
    RecordDecoder decoder =
        new RecordDecoder(schema, new JsonOptions(Map.of(), ZoneOffset.UTC), false);
    StructVector out = new StructVector(schema, 4096);

    double bestJacksonOneParser = 0;
    double bestJackson = 0;
    double bestDecode = 0;
    long sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long tOne = System.nanoTime();
      try (JsonParser p = factory.createParser(data)) {
        while (p.nextToken() != null) {
          sink++;
        }
      }
      long t0 = System.nanoTime();
      bestJacksonOneParser = Math.max(bestJacksonOneParser, mb / ((t0 - tOne) / 1e9));
      sink += jacksonLoop(factory, data, starts, lengths);
      long t1 = System.nanoTime();
      sink += decodeLoop(decoder, out, data, starts, lengths);
      long t2 = System.nanoTime();
      bestJackson = Math.max(bestJackson, mb / ((t1 - t0) / 1e9));
      bestDecode = Math.max(bestDecode, mb / ((t2 - t1) / 1e9));
    }

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long a0 = threads.getCurrentThreadAllocatedBytes();
    sink += jacksonLoop(factory, data, starts, lengths);
    long a1 = threads.getCurrentThreadAllocatedBytes();
    sink += decodeLoop(decoder, out, data, starts, lengths);
    long a2 = threads.getCurrentThreadAllocatedBytes();
    System.out.printf(
        "  allocated per line: Jackson token loop %d B, Tideline decode %d B%n",
        (a1 - a0) / LINES, (a2 - a1) / LINES);

    Path file = Files.createTempFile("orders", ".json");
    Files.write(file, data);
    TidelineConf conf = new TidelineConf().set(TidelineConf.SESSION_TIME_ZONE, "UTC");
    double bestFile = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long t0 = System.nanoTime();
      long rows = 0;
      try (BatchIterator it =
          new JsonFileFormat()
              .open(
                  new FileSplit(file, 0, data.length, data.length),
                  schema,
                  schema,
                  Map.of(),
                  conf)) {
        Batch b;
        while ((b = it.next()) != null) {
          rows += b.size();
        }
      }
      sink += rows;
      bestFile = Math.max(bestFile, mb / ((System.nanoTime() - t0) / 1e9));
    }
    StructType pruned =
        new StructType().add("product", DataTypes.StringType).add("amount", DataTypes.DoubleType);
    JsonOptions options = new JsonOptions(Map.of(), ZoneOffset.UTC);
    double[] bestPruned = new double[2];
    for (int round = 0; round < ROUNDS; round++) {
      for (int fast = 0; fast < 2; fast++) {
        long t0 = System.nanoTime();
        try (JsonLinesReader it =
            new JsonLinesReader(
                new FileSplit(file, 0, data.length, data.length),
                pruned,
                options,
                4096,
                fast == 1)) {
          Batch b;
          while ((b = it.next()) != null) {
            sink += b.size();
          }
        }
        bestPruned[fast] = Math.max(bestPruned[fast], mb / ((System.nanoTime() - t0) / 1e9));
      }
    }
    System.out.printf(
        "  file reader, only product and amount: Jackson %.0f MB/s, fast path %.0f MB/s%n",
        bestPruned[0], bestPruned[1]);
    long f0 = threads.getCurrentThreadAllocatedBytes();
    try (BatchIterator it =
        new JsonFileFormat()
            .open(
                new FileSplit(file, 0, data.length, data.length), schema, schema, Map.of(), conf)) {
      while (it.next() != null) {
        sink++;
      }
    }
    System.out.printf(
        "  allocated per line: file reader %d B%n",
        (threads.getCurrentThreadAllocatedBytes() - f0) / LINES);
    Files.delete(file);
    System.out.printf(
        "JSON order lines, %d lines, %.1f MB, best of %d rounds, one thread:%n"
            + "  Jackson bare token loop (one parser):      %.0f MB/s%n"
            + "  Jackson bare token loop (parser per line): %.0f MB/s%n"
            + "  Tideline decode into vectors:              %.0f MB/s%n"
            + "  Tideline JSON Lines file reader:           %.0f MB/s%n"
            + "  (checksum %d)%n",
        LINES, mb, ROUNDS, bestJacksonOneParser, bestJackson, bestDecode, bestFile, sink);
  }
}
