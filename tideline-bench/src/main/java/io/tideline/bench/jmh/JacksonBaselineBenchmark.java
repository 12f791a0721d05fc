package io.tideline.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The reference for JSON parsing speed: Jackson's streaming parser over the benchmark's order
 * lines, one thread, reported in MB/s per core.
 *
 * <p>Tideline's JSON reader must beat what an application gets by driving Jackson by hand, so this
 * measures two loops over the same in-memory lines (about 125 bytes each): {@link #tokens} only
 * walks the tokens, the floor of any Jackson-based reader; {@link #tokensAndValues} also decodes
 * every value the way a columnar reader must (string characters, doubles), without allocating
 * {@code String}s. Run it with {@code tideline-bench/run-jmh.sh JacksonBaseline}.
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
public class JacksonBaselineBenchmark {
  @Param({"100000"})
  public int lines;

  private final JsonFactory factory = new JsonFactory();
  private byte[] corpus;

  @Setup
  public void setUp() {
    corpus = OrderLinesCorpus.of(lines);
  }

  @Benchmark
  public void tokens(BytesCounter counter, Blackhole bh) throws IOException {
    try (JsonParser p = factory.createParser(corpus)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        bh.consume(t);
      }
    }
    counter.bytes += corpus.length;
  }

  @Benchmark
  public void tokensAndValues(BytesCounter counter, Blackhole bh) throws IOException {
    try (JsonParser p = factory.createParser(corpus)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case FIELD_NAME -> bh.consume(p.currentName());
          case VALUE_STRING -> {
            bh.consume(p.getTextCharacters());
            bh.consume(p.getTextOffset() + p.getTextLength());
          }
          case VALUE_NUMBER_FLOAT -> bh.consume(p.getDoubleValue());
          case VALUE_NUMBER_INT -> bh.consume(p.getLongValue());
          default -> bh.consume(t);
        }
      }
    }
    counter.bytes += corpus.length;
  }
}
