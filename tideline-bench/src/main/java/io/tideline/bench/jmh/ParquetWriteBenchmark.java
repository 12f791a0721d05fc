package io.tideline.bench.jmh;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileFormats;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tideline's Parquet writer on the Delta benchmark's bronze rows, one thread: the column-at-a-time
 * path against the row-at-a-time one in the same run, in rows per second.
 *
 * <p>The rows are the benchmark's order lines parsed once into vectors (batches of the session's
 * default size), plus a {@code kafka_timestamp} a few milliseconds after each order time, the
 * bronze query's output schema. Each invocation writes them all to one Snappy file in the temporary
 * folder (in the page cache), as one Delta data file of a micro-batch is written; {@code
 * writer=row} forces the record-consumer path with {@code tideline.parquet.columnarWriter=false}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Threads(1)
public class ParquetWriteBenchmark {
  private static final StructType ORDER_SCHEMA =
      StructType.fromDDL(
          "order_id STRING, customer_id STRING, product STRING, amount DOUBLE, order_time"
              + " TIMESTAMP");
  private static final StructType BRONZE_SCHEMA =
      ORDER_SCHEMA.add("kafka_timestamp", DataTypes.TimestampType);

  @Param({"100000"})
  public int rows;

  @Param({"columnar", "row"})
  public String writer;

  /** parquet-mr's {@code parquet.enable.dictionary}: on by default, as in Spark. */
  @Param({"true"})
  public String dictionary;

  private final TidelineConf conf = new TidelineConf();
  private final List<Batch> batches = new ArrayList<>();
  private FileFormat parquet;
  private Map<String, String> options;
  private Path dir;
  private Path out;

  @Setup
  public void setUp() throws IOException {
    parquet = FileFormats.find("parquet");
    options =
        Map.of(
            "tideline.parquet.columnarWriter",
            Boolean.toString(writer.equals("columnar")),
            "parquet.enable.dictionary",
            dictionary);
    dir = Files.createTempDirectory("tideline-jmh-parquet");
    out = dir.resolve("part-00000.snappy.parquet");
    Path json = dir.resolve("orders.json");
    Files.write(json, OrderLinesCorpus.of(rows));
    long length = Files.size(json);
    FileFormat jsonFormat = FileFormats.find("json");
    FileSplit split = new FileSplit(json, 0, length, length);
    try (BatchIterator it = jsonFormat.open(split, ORDER_SCHEMA, ORDER_SCHEMA, Map.of(), conf)) {
      Batch b;
      while ((b = it.next()) != null) {
        batches.add(bronze(b));
      }
    }
    Files.delete(json);
  }

  /** A copy of one parsed batch (the reader reuses its vectors) with the Kafka timestamp added. */
  private static Batch bronze(Batch parsed) {
    int n = parsed.size();
    int[] rowsOf = parsed.selectionOrIdentity();
    ColumnVector[] columns = new ColumnVector[BRONZE_SCHEMA.size()];
    for (int c = 0; c < parsed.numColumns(); c++) {
      columns[c] = parsed.column(c).gather(rowsOf, n);
    }
    LongVector orderTime = (LongVector) columns[4];
    LongVector kafkaTime = new LongVector(DataTypes.TimestampType, n);
    for (int i = 0; i < n; i++) {
      kafkaTime.set(i, orderTime.get(i) + 1_000L * (i % 50));
    }
    columns[5] = kafkaTime;
    return new Batch(columns, n);
  }

  /** The folder the benchmark writes its file into, for tests that read the file back. */
  Path outputFolder() {
    return dir;
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(out);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public long write() throws IOException {
    try (BatchWriter w = parquet.newWriter(out, BRONZE_SCHEMA, options, conf)) {
      for (Batch b : batches) {
        w.write(b);
      }
    }
    return Files.size(out);
  }
}
