package io.tideline.testkit.stream;

import io.tideline.Tideline;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.connector.SourceProvider;
import io.tideline.internal.streaming.SystemClock;
import io.tideline.internal.streaming.source.SourceProviders;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The file source keeps the source contract for json and csv: each round of data is two new files
 * of two rows, moved into the watched folder whole.
 */
class FileSourceContractTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, name STRING");
  private static Tideline t;

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("file-source-contract").getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  abstract static class FileFormatContract extends SourceContractSuite {
    abstract String format();

    abstract String line(long id, String name);

    private Path input() {
      return tempDir.resolve("input");
    }

    @Override
    protected Tideline session() {
      return t;
    }

    @Override
    protected Source createSource(Path metadataPath) {
      try {
        Files.createDirectories(input());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, String> options = Map.of("path", input().toString());
      SourceProvider provider = SourceProviders.forFormat(format());
      StructType schema = provider.sourceSchema(t, options, Optional.of(SCHEMA));
      return provider.createSource(
          new SourceContext(
              t, options, Optional.of(SCHEMA), schema, metadataPath, new SystemClock()));
    }

    @Override
    protected int addData(int round) {
      try {
        Files.createDirectories(input());
        Path staging = Files.createDirectories(tempDir.resolve("staging"));
        for (int file = 0; file < 2; file++) {
          long id = round * 100L + file * 10L;
          String name = "part-" + round + "-" + file + "." + format();
          Path written =
              Files.writeString(
                  staging.resolve(name), line(id, "x" + id) + "\n" + line(id + 1, "y" + id) + "\n");
          Files.move(written, input().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return 4;
    }

    @Override
    protected Optional<ReadLimit> smallLimit() {
      return Optional.of(ReadLimit.maxFiles(1));
    }
  }

  @Nested
  class Json extends FileFormatContract {
    @Override
    String format() {
      return "json";
    }

    @Override
    String line(long id, String name) {
      return "{\"id\":" + id + ",\"name\":\"" + name + "\"}";
    }
  }

  @Nested
  class Csv extends FileFormatContract {
    @Override
    String format() {
      return "csv";
    }

    @Override
    String line(long id, String name) {
      return id + "," + name;
    }
  }
}
