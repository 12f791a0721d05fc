package io.tideline.internal.delta;

import static io.tideline.internal.delta.DeltaSourceTest.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.streaming.OutputMode;
import io.tideline.testkit.stream.StreamScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing or corrupt {@code _delta_log} commit file: the streaming source and the batch reader
 * fail naming the table, the version and the file, read nothing past it, and continue where they
 * stopped once the file is restored.
 */
class DeltaLogCorruptionTest {
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("delta-log-corruption").getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  private Path table() {
    return dir.resolve("table");
  }

  private void append(long batch) {
    DeltaSourceTest.append(t, table(), rowsOf(batch));
  }

  private Path commit(long version) {
    return DeltaLogCheck.commitFile(table(), version);
  }

  /** Cuts the commit file of {@code version} in the middle of its last line; returns its bytes. */
  private byte[] truncate(long version) throws IOException {
    byte[] original = Files.readAllBytes(commit(version));
    Files.write(commit(version), Arrays.copyOf(original, original.length - 20));
    return original;
  }

  private Consumer<Throwable> names(String condition, long version) {
    return e -> {
      TidelineException te = DeltaSourceTest.findCause(e, TidelineException.class);
      assertThat(te.getCondition()).isEqualTo(condition);
      assertThat(te.getMessage())
          .contains(table().toString(), commit(version).toString(), "version " + version);
    };
  }

  private DataFrame stream() {
    return t.readStream().format("delta").load(table().toString());
  }

  @Test
  void source_truncatedCommitFile_failsNamingIt_andContinuesOnceRestored() throws IOException {
    append(0);
    byte[][] saved = new byte[1][];
    StreamScript.of(t, stream(), OutputMode.Append())
        .checkpoint(dir.resolve("cp"))
        .checkAnswer(rowsOf(0))
        .stop()
        .execute(
            "append batches 1 and 2, then truncate version 2",
            q -> {
              append(1);
              append(2);
              try {
                saved[0] = truncate(2);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .start()
        .expectFailure(TidelineException.class, names("DELTA_COMMIT_FILE_UNREADABLE", 2))
        .execute(
            "restore version 2",
            q -> {
              try {
                Files.write(commit(2), saved[0]);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .start()
        .checkAnswer(rowsOf(0, 2))
        .run();
  }

  @Test
  void source_missingCommitFile_failsNamingIt_whenRestarting() throws IOException {
    append(0);
    StreamScript.of(t, stream(), OutputMode.Append())
        .checkpoint(dir.resolve("cp"))
        .checkAnswer(rowsOf(0))
        .stop()
        .execute(
            "append batches 1 and 2, then delete version 2",
            q -> {
              append(1);
              append(2);
              commit(2).toFile().delete();
            })
        .start()
        .expectFailure(TidelineException.class, names("DELTA_VERSIONS_NOT_CONTIGUOUS", 2))
        .run();
  }

  @Test
  void source_gapAppearingWhileRunning_failsInsteadOfWaitingForever() throws IOException {
    append(0);
    Map<String, String> options = Map.of("path", table().toString());
    DeltaSourceProvider provider = new DeltaSourceProvider();
    Source source =
        provider.createSource(
            new SourceContext(
                t,
                options,
                Optional.empty(),
                provider.sourceSchema(t, options, Optional.empty()),
                dir.resolve("meta"),
                new ManualClock()));
    Offset first = source.latestOffset(Optional.empty(), ReadLimit.allAvailable()).orElseThrow();
    append(1);
    append(2);
    append(3);
    Files.delete(commit(2));
    TidelineException e =
        catchThrowableOfType(
            () -> source.latestOffset(Optional.of(first), ReadLimit.allAvailable()),
            TidelineException.class);
    names("DELTA_VERSIONS_NOT_CONTIGUOUS", 2).accept(e);
    assertThat(e.getMessage()).contains("[0-1, 3-4]");
  }

  @Test
  void batchRead_truncatedCommitFile_failsNamingIt() throws IOException {
    append(0);
    append(1);
    append(2);
    truncate(2);
    TidelineException e =
        catchThrowableOfType(
            () -> t.read().format("delta").load(table().toString()).collectAsList(),
            TidelineException.class);
    names("DELTA_COMMIT_FILE_UNREADABLE", 2).accept(e);
  }

  @Test
  void batchRead_missingCommitFile_failsNamingIt() {
    append(0);
    append(1);
    append(2);
    commit(1).toFile().delete();
    TidelineException e =
        catchThrowableOfType(
            () -> t.read().format("delta").load(table().toString()).collectAsList(),
            TidelineException.class);
    names("DELTA_VERSIONS_NOT_CONTIGUOUS", 1).accept(e);
  }

  @Test
  void batchReadAtVersion_missingCommitFile_failsNamingIt() {
    append(0);
    append(1);
    append(2);
    commit(1).toFile().delete();
    TidelineException e =
        catchThrowableOfType(
            () ->
                t.read()
                    .format("delta")
                    .option("versionAsOf", "2")
                    .load(table().toString())
                    .collectAsList(),
            TidelineException.class);
    names("DELTA_VERSIONS_NOT_CONTIGUOUS", 1).accept(e);
  }
}
