package io.tideline.testkit.stream;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.internal.streaming.sink.SinkProviders;
import io.tideline.streaming.OutputMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The file sink keeps the sink contract for json and parquet; its content is what a batch read of
 * the folder returns, which goes through the sink log.
 */
class FileSinkContractTest {
  private static Tideline t;

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("file-sink-contract").getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  abstract static class FileFormatContract extends SinkContractSuite {
    private final UUID queryId = UUID.randomUUID();

    abstract String format();

    @Override
    protected Tideline session() {
      return t;
    }

    @Override
    protected Sink createSink(Path location) {
      SinkContext context =
          new SinkContext(
              t,
              Map.of("path", location.toString()),
              schema(),
              OutputMode.Append(),
              List.of(),
              Optional.of(location.toString()),
              Optional.empty(),
              queryId,
              Optional.empty(),
              tempDir.resolve("checkpoint"));
      return SinkProviders.forFormat(format()).createSink(context);
    }

    @Override
    protected List<Row> readContent(Path location) {
      if (!Files.exists(location)) {
        return List.of();
      }
      return t.read().format(format()).schema(schema()).load(location.toString()).collectAsList();
    }
  }

  @Nested
  class Json extends FileFormatContract {
    @Override
    String format() {
      return "json";
    }
  }

  @Nested
  class Parquet extends FileFormatContract {
    @Override
    String format() {
      return "parquet";
    }
  }
}
