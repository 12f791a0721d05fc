package io.tideline.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.exec.StreamExecution;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamingQueryManagerTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT");
  private static Tideline t;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("query-manager-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @BeforeEach
  void forgetEarlierTerminations() {
    t.streams().stopAll();
    t.streams().resetTerminated();
  }

  private static StreamingQuery startNamed(DataFrame df, String name) {
    return df.writeStream().queryName(name).foreachBatch((batch, id) -> batch.count()).start();
  }

  @Test
  void activeAndGet_listRunningQueriesUntilTheyStop() {
    StreamingQuery a = startNamed(MemoryStream.of(t, SCHEMA).toDF(), "a");
    StreamingQuery b = startNamed(MemoryStream.of(t, SCHEMA).toDF(), "b");
    assertThat(t.streams().active()).containsExactlyInAnyOrder(a, b);
    assertThat(t.streams().get(a.id())).isSameAs(a);
    assertThat(t.streams().get("b")).isSameAs(b);
    assertThat(t.streams().get(UUID.randomUUID())).isNull();
    a.stop();
    assertThat(t.streams().active()).containsExactly(b);
    assertThat(t.streams().get("a")).isNull();
    b.stop();
    assertThat(t.streams().active()).isEmpty();
  }

  @Test
  void queryName_mustBeUniqueAmongActiveQueries() {
    StreamingQuery a = startNamed(MemoryStream.of(t, SCHEMA).toDF(), "same");
    try {
      assertThatThrownBy(() -> startNamed(MemoryStream.of(t, SCHEMA).toDF(), "same"))
          .isInstanceOfSatisfying(
              TidelineException.class,
              e -> assertThat(e.getCondition()).isEqualTo("DUPLICATE_STREAMING_QUERY_NAME"))
          .hasMessageContaining("same")
          .hasMessageContaining(a.id().toString());
    } finally {
      a.stop();
    }
    startNamed(MemoryStream.of(t, SCHEMA).toDF(), "same").stop();
  }

  @Test
  void awaitAnyTermination_returnsOnceAQueryEnded_untilReset() throws Exception {
    StreamingQuery a = startNamed(MemoryStream.of(t, SCHEMA).toDF(), "a");
    assertThat(t.streams().awaitAnyTermination(50)).isFalse();
    a.stop();
    assertThat(t.streams().awaitAnyTermination(50)).isTrue();
    t.streams().awaitAnyTermination();
    t.streams().resetTerminated();
    assertThat(t.streams().awaitAnyTermination(50)).isFalse();
  }

  @Test
  void awaitAnyTermination_rethrowsTheFailedQuerysException() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery q =
        input
            .toDF()
            .writeStream()
            .foreachBatch(
                (batch, id) -> {
                  throw new IllegalArgumentException("bad batch");
                })
            .start();
    input.addData(Row.of(1L));
    assertThatThrownBy(() -> t.streams().awaitAnyTermination())
        .isInstanceOf(StreamingQueryException.class)
        .hasMessageContaining("bad batch")
        .satisfies(e -> assertThat(((StreamingQueryException) e).queryId()).isEqualTo(q.id()));
    assertThat(t.streams().active()).doesNotContain(q);
  }

  @Test
  void stop_isIdempotent_deletesATemporaryCheckpoint_andLaterWaitsReturnAtOnce() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery q = startNamed(input.toDF(), "temp");
    Path checkpoint = ((StreamExecution) q).checkpoint();
    assertThat(checkpoint.getFileName().toString()).startsWith("temporary-");
    input.addData(Row.of(1L));
    q.processAllAvailable();
    assertThat(Files.exists(checkpoint.resolve("commits/0"))).isTrue();
    q.stop();
    q.stop();
    assertThat(Files.exists(checkpoint)).isFalse();
    q.processAllAvailable();
    q.awaitTermination();
    assertThat(q.awaitTermination(10)).isTrue();
    assertThat(q.exception()).isEmpty();
  }

  @Test
  void stop_endsAQueryWhoseBatchSwallowedTheInterrupt() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    input.addData(Row.of(1L));
    CountDownLatch inBatch = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    StreamingQuery q =
        input
            .toDF()
            .writeStream()
            .queryName("swallower")
            // After the batch the loop waits a minute for the next trigger: only an interrupt
            // ends that wait early.
            .trigger(Trigger.ProcessingTime(60_000))
            .foreachBatch(
                (batch, id) -> {
                  inBatch.countDown();
                  try {
                    never.await();
                  } catch (InterruptedException swallowed) {
                    // As some client libraries do: the wait ends, the interrupt is not restored.
                  }
                })
            .start();
    inBatch.await();

    assertTimeoutPreemptively(Duration.ofSeconds(20), q::stop);
    assertThat(q.isActive()).isFalse();
    assertThat(q.exception()).isEmpty();
  }

  @Test
  void awaitTermination_refusesANonPositiveTimeout() {
    StreamingQuery q = startNamed(MemoryStream.of(t, SCHEMA).toDF(), "timeout");
    try {
      assertThatThrownBy(() -> q.awaitTermination(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Timeout has to be positive");
    } finally {
      q.stop();
    }
  }
}
