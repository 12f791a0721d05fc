package io.tideline.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchProvidersTest {

  /** Reads {@code count} rows numbered from {@code start}; registered in test META-INF/services. */
  public static final class CountingReadProvider implements BatchReadProvider {
    @Override
    public String shortName() {
      return "counting";
    }

    @Override
    public DataFrame read(
        Tideline session, Map<String, String> options, Optional<StructType> userSchema) {
      long start = Long.parseLong(options.getOrDefault("path", "0"));
      int count = Integer.parseInt(options.getOrDefault("count", "3"));
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        rows.add(Row.of(start + i));
      }
      return session.createDataFrame(rows, userSchema.orElse(StructType.fromDDL("n BIGINT")));
    }
  }

  /** Remembers what it was asked to write; registered in test META-INF/services. */
  public static final class RecordingWriteProvider implements BatchWriteProvider {
    static final List<String> WRITES = new ArrayList<>();

    @Override
    public String shortName() {
      return "recording";
    }

    @Override
    public void write(DataFrame data, SaveMode mode, Map<String, String> options) {
      WRITES.add(
          mode + " " + options.get("path") + " " + options.get("topic") + " " + data.count());
    }
  }

  private static Tideline t;

  @BeforeAll
  static void start() {
    t = Tideline.builder().getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @Test
  void read_nonFileFormat_goesToItsProviderWithOptionsAndPath() {
    DataFrame df = t.read().format("COUNTING").option("Count", "2").load("10");

    assertThat(df.collectAsList()).extracting(r -> r.getLong(0)).containsExactly(10L, 11L);
  }

  @Test
  void read_severalPathsOfANonFileFormat_isRefused() {
    assertThatThrownBy(() -> t.read().format("counting").load("1", "2"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("MULTIPLE_PATHS_UNSUPPORTED")
        .hasMessageContaining("counting");
  }

  @Test
  void read_unknownFormat_listsFileFormatsAndProviders() {
    assertThatThrownBy(() -> t.read().format("nosuch").load())
        .hasMessageContaining("UNSUPPORTED_DATA_SOURCE")
        .hasMessageContaining("counting")
        .hasMessageContaining("parquet");
  }

  @Test
  void write_nonFileFormat_goesToItsProviderWithModeAndOptions() {
    RecordingWriteProvider.WRITES.clear();
    DataFrame df = t.read().format("counting").load();

    df.write().format("recording").mode("append").option("topic", "orders").save();
    df.write().format("recording").save("/somewhere");

    assertThat(RecordingWriteProvider.WRITES)
        .containsExactly("Append null orders 3", "ErrorIfExists /somewhere null 3");
  }

  @Test
  void saveWithoutPath_ofAFileFormat_asksForAPath() {
    DataFrame df = t.read().format("counting").load();

    assertThatThrownBy(() -> df.write().format("json").save())
        .hasMessageContaining("SAVE_PATH_REQUIRED")
        .hasMessageContaining("json");
  }

  @Test
  void saveMode_parsesSparkSpellings() {
    assertThat(SaveMode.fromString("ERROR")).isEqualTo(SaveMode.ErrorIfExists);
    assertThat(SaveMode.fromString("default")).isEqualTo(SaveMode.ErrorIfExists);
    assertThat(SaveMode.fromString("Overwrite")).isEqualTo(SaveMode.Overwrite);
    assertThat(SaveMode.fromString("merge")).isNull();
  }
}
