package io.tideline.internal.delta;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.testkit.stream.SourceContractSuite;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Delta source keeps the test kit's source contract: each round of data is two appends of two
 * rows (two commits of one file each), to a table that exists, empty, before the source starts.
 */
class DeltaSourceContractTest extends SourceContractSuite {
  private static Tideline t;

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("delta-source-contract").getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  private Path table() {
    return tempDir.resolve("table");
  }

  @Override
  protected Tideline session() {
    return t;
  }

  @Override
  protected Source createSource(Path metadataPath) {
    if (!Files.exists(table().resolve("_delta_log"))) {
      DeltaTable.at(table().toString()).create(DeltaSourceTest.SCHEMA, List.of(), Map.of());
    }
    Map<String, String> options = Map.of("path", table().toString());
    DeltaSourceProvider provider = new DeltaSourceProvider();
    StructType schema = provider.sourceSchema(t, options, Optional.empty());
    return provider.createSource(
        new SourceContext(t, options, Optional.empty(), schema, metadataPath, new ManualClock()));
  }

  @Override
  protected int addData(int round) {
    for (int commit = 0; commit < 2; commit++) {
      long id = round * 100L + commit * 10L;
      DeltaSourceTest.append(t, table(), List.of(Row.of(id, "x"), Row.of(id + 1, "y")));
    }
    return 4;
  }

  @Override
  protected Optional<ReadLimit> smallLimit() {
    return Optional.of(ReadLimit.maxFiles(1));
  }
}
