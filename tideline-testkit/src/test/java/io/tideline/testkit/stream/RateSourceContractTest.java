package io.tideline.testkit.stream;

import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.connector.SourceProvider;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.internal.streaming.source.SourceProviders;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The rate source keeps the source contract; a manual clock makes its data: 5 rows a second. */
class RateSourceContractTest extends SourceContractSuite {
  private static final int ROWS_PER_SECOND = 5;
  private static Tideline t;
  private final ManualClock clock = new ManualClock(1_000_000);
  private final Map<String, String> options =
      Map.of("rowsPerSecond", Integer.toString(ROWS_PER_SECOND), "numPartitions", "2");

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("rate-source-contract").getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  @Override
  protected Tideline session() {
    return t;
  }

  @Override
  protected Source createSource(Path metadataPath) {
    SourceProvider provider = SourceProviders.forFormat("rate");
    StructType schema = provider.sourceSchema(t, options, Optional.empty());
    return provider.createSource(
        new SourceContext(t, options, Optional.empty(), schema, metadataPath, clock));
  }

  @Override
  protected int addData(int round) {
    clock.advance(1000);
    return ROWS_PER_SECOND;
  }
}
