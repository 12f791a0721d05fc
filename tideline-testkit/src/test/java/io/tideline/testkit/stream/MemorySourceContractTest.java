package io.tideline.testkit.stream;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.internal.plan.Plans;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.streaming.MemoryStream;
import io.tideline.types.StructType;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** MemoryStream's source keeps the source contract. */
class MemorySourceContractTest extends SourceContractSuite {
  private static Tideline t;
  private MemoryStream stream;

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("memory-source-contract").getOrCreate();
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
    if (stream == null) {
      stream = MemoryStream.of(t, StructType.fromDDL("id BIGINT, name STRING"));
    }
    StreamingRelation relation =
        Plans.collect(stream.toDF().logicalPlan(), StreamingRelation.class).get(0);
    return relation.source().createSource(t, metadataPath, new ManualClock());
  }

  @Override
  protected int addData(int round) {
    long base = round * 10L;
    stream.addData(Row.of(base, "a" + base), Row.of(base + 1, "b" + base), Row.of(base + 2, "c"));
    return 3;
  }
}
