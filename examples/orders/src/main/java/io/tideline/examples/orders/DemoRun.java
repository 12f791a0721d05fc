package io.tideline.examples.orders;

import io.tideline.AnalysisException;
import io.tideline.Tideline;
import io.tideline.examples.orders.OrdersPipeline.Stage;
import io.tideline.kafka.EmbeddedKafkaBroker;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryListener;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * One run of the demo: the broker on the work folder's kept log, the generator, the four queries,
 * the status table while they run, and an orderly stop.
 *
 * <p>Stop protocol (live mode), whether the duration ran out, {@link #stop()} was called (the
 * Ctrl-C hook) or a query failed:
 *
 * <ol>
 *   <li>Stop the generator and wait until Kafka has acknowledged every order it sent.
 *   <li>Stop each query in pipeline order, each after its batch in flight: a batch is committed
 *       whole or, if it is cut, re-run from its checkpoint by the next run with the same offsets
 *       (the Delta sink's transaction id makes the re-run a no-op where it had committed).
 *   <li>Count the rows of each table, close the session, then the broker (whose log stays in the
 *       work folder, so the next run's bronze finds the offsets its checkpoint holds).
 * </ol>
 *
 * <p>Threads: {@link #run()} on the caller's thread; {@link #stop()} from any thread.
 */
final class DemoRun {

  private final DemoConfig config;
  private final PrintStream out;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);

  DemoRun(DemoConfig config) {
    this.config = config;
    this.out = config.out();
  }

  /** Asks a live run to stop; {@link #run()} then stops everything and returns. Idempotent. */
  void stop() {
    stopRequested.countDown();
  }

  /** Waits until {@link #run()} has finished its stop, for at most {@code timeout}. */
  boolean awaitDone(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs the demo as configured and returns what the tables hold.
   *
   * @throws StreamingQueryException when a query failed; the others were stopped first
   */
  DemoResult run() throws StreamingQueryException {
    try {
      Files.createDirectories(config.work());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make the demo's work folder " + config.work(), e);
    }
    try (EmbeddedKafkaBroker broker = startBroker();
        Tideline t = session()) {
      ensureTopic(broker);
      Orders orders = new Orders(config.seed(), config.eventStep());
      try (OrderGenerator generator =
          OrderGenerator.resume(orders, OrdersPipeline.TOPIC, broker.clientProperties())) {
        OrdersPipeline pipeline = new OrdersPipeline(t, config, broker.bootstrapServers());
        printHeader(broker, generator);
        List<StreamingQuery> queries =
            config.availableNow() ? runOnce(pipeline, generator) : runLive(t, pipeline, generator);
        Map<String, List<StreamingQueryProgress>> progress = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
          progress.put(Stage.values()[i].table(), queries.get(i).recentProgress());
        }
        DemoResult result =
            new DemoResult(tableRows(t), progress, generator.produced(), generator.nextSequence());
        printSummary(result);
        return result;
      }
    } finally {
      done.countDown();
    }
  }

  private EmbeddedKafkaBroker startBroker() {
    try {
      return EmbeddedKafkaBroker.builder().logDir(config.kafkaDir()).start();
    } catch (RuntimeException e) {
      throw DemoErrors.brokerStartFailed(config.kafkaDir(), config.work(), e);
    }
  }

  private Tideline session() {
    Tideline t =
        Tideline.builder()
            .appName("orders-demo")
            .warehouse(config.warehouse())
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
    if (!t.warehouse().toAbsolutePath().normalize().equals(config.warehouse())) {
      throw DemoErrors.sessionConflict(t.warehouse(), config.warehouse());
    }
    return t;
  }

  private void ensureTopic(EmbeddedKafkaBroker broker) {
    try (Admin admin = broker.admin()) {
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(OrdersPipeline.TOPIC)) {
        broker.createTopic(OrdersPipeline.TOPIC, config.partitions());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DemoErrors.kafkaFailed("find or create", OrdersPipeline.TOPIC, e);
    } catch (Exception e) {
      throw DemoErrors.kafkaFailed("find or create", OrdersPipeline.TOPIC, e);
    }
  }

  /** Every stage once with {@code AvailableNow}, in pipeline order, each to its end. */
  private List<StreamingQuery> runOnce(OrdersPipeline pipeline, OrderGenerator generator)
      throws StreamingQueryException {
    long records = config.records().orElse(0);
    generator.produce(records);
    out.printf("Generated %d orders; running each stage once (AvailableNow).%n", records);
    List<StreamingQuery> queries = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      long startNanos = System.nanoTime();
      StreamingQuery q = pipeline.start(stage, Trigger.AvailableNow());
      queries.add(q);
      try {
        q.awaitTermination();
      } catch (StreamingQueryException e) {
        throw reportFailure(q.name(), e);
      }
      long rows = q.recentProgress().stream().mapToLong(p -> p.numInputRows()).sum();
      out.printf(
          "  %-24s %d batches, %d input rows, %.1f s%n",
          q.name(), q.recentProgress().size(), rows, (System.nanoTime() - startNanos) / 1e9);
    }
    return queries;
  }

  private List<StreamingQuery> runLive(
      Tideline t, OrdersPipeline pipeline, OrderGenerator generator)
      throws StreamingQueryException {
    StreamingQueryListener failures =
        new StreamingQueryListener() {
          @Override
          public void onQueryStarted(QueryStartedEvent event) {}

          @Override
          public void onQueryProgress(QueryProgressEvent event) {}

          @Override
          public void onQueryTerminated(QueryTerminatedEvent event) {
            if (event.exception() != null) {
              stopRequested.countDown();
            }
          }
        };
    t.streams().addListener(failures);
    List<StreamingQuery> queries = new ArrayList<>();
    try {
      Trigger trigger = Trigger.ProcessingTime(config.triggerInterval().toMillis());
      // One at a time, so that the queries started before one that cannot start are stopped.
      for (Stage stage : Stage.values()) {
        try {
          queries.add(pipeline.start(stage, trigger));
        } catch (RuntimeException e) {
          out.printf(
              "%n!! Query %s could not start:%n   %s%n   The demo stopped.%n",
              stage.queryName(), e.getMessage());
          throw e;
        }
      }
      generator.start(config.ratePerSecond(), config.records());
      awaitStop(queries, generator);
    } finally {
      out.printf("%nStopping: the generator, then each query after its batch in flight ...%n");
      generator.stop();
      for (StreamingQuery q : queries) {
        stopAfterBatch(q);
      }
      t.streams().removeListener(failures);
    }
    out.print(StatusTable.render(queries));
    for (StreamingQuery q : queries) {
      Optional<StreamingQueryException> error = q.exception();
      if (error.isPresent()) {
        throw reportFailure(q.name(), error.get());
      }
    }
    return queries;
  }

  /** Prints what failed, where, and what to do; returns the error for the caller to throw. */
  private StreamingQueryException reportFailure(String query, StreamingQueryException e) {
    out.printf(
        "%n!! Query %s failed in batch %d:%n   %s%n"
            + "   The demo stopped. Fix the cause and run again: each query resumes from its"
            + " checkpoint under %s.%n",
        query, e.batchId(), e.getMessage(), config.work().resolve("checkpoints"));
    return e;
  }

  /** Prints the status table every few seconds until the duration ends or a stop is asked. */
  private void awaitStop(List<StreamingQuery> queries, OrderGenerator generator) {
    Optional<Instant> deadline = config.duration().map(d -> Instant.now().plus(d));
    try {
      while (true) {
        long waitMs = config.statusInterval().toMillis();
        if (deadline.isPresent()) {
          waitMs = Math.min(waitMs, Duration.between(Instant.now(), deadline.get()).toMillis());
        }
        if (waitMs <= 0 || stopRequested.await(waitMs, TimeUnit.MILLISECONDS)) {
          return;
        }
        out.printf(
            "%n%s  orders generated this run: %d%n",
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), generator.produced());
        out.print(StatusTable.render(queries));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops {@code q} between two batches where possible: a batch in flight finishes (up to a minute)
   * before the stop, so Ctrl-C does not throw away work that is nearly committed.
   */
  private static void stopAfterBatch(StreamingQuery q) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (q.isActive() && q.status().isTriggerActive() && System.nanoTime() < deadline) {
      try {
        // Polling the status: StreamingQuery offers no "stop after this batch".
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    q.stop();
  }

  /** Rows per table, in pipeline order; tables not created yet are left out. */
  private static Map<String, Long> tableRows(Tideline t) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Stage stage : Stage.values()) {
      try {
        rows.put(stage.table(), t.table(stage.table()).count());
      } catch (AnalysisException e) {
        if (!"TABLE_OR_VIEW_NOT_FOUND".equals(e.getCondition())) {
          throw e;
        }
      }
    }
    return rows;
  }

  private void printHeader(EmbeddedKafkaBroker broker, OrderGenerator generator) {
    out.printf("Tideline orders demo%n");
    out.printf("  work folder  %s%n", config.work());
    out.printf(
        "  Kafka        %s, topic %s (%d orders in it)%n",
        broker.bootstrapServers(), OrdersPipeline.TOPIC, generator.nextSequence());
    out.printf("  warehouse    %s%n", config.warehouse());
    if (!config.availableNow()) {
      out.printf(
          "  generator    %d orders/s%s; event time advances %.1f s per order (%.0fx the wall"
              + " clock)%n",
          config.ratePerSecond(),
          config.records().isPresent() ? ", " + config.records().getAsLong() + " in all" : "",
          config.eventStep().toMillis() / 1000.0,
          config.eventStep().toMillis() * config.ratePerSecond() / 1000.0);
      out.printf(
          "  queries      a batch every %d s (the seed: 30 s and 1 min); status every %d s; %s%n",
          config.triggerInterval().toSeconds(),
          config.statusInterval().toSeconds(),
          config.duration().map(d -> "stops after " + d.toSeconds() + " s").orElse("Ctrl-C stops"));
    }
  }

  private void printSummary(DemoResult result) {
    out.printf("%nRows per table:%n");
    for (Stage stage : Stage.values()) {
      Long rows = result.tableRows().get(stage.table());
      out.printf(
          "  %-24s %s%n", stage.table(), rows == null ? "(not created yet)" : rows + " rows");
    }
    Long bronze = result.tableRows().get(Stage.BRONZE.table());
    long unread = result.nextSequence() - (bronze == null ? 0 : bronze);
    if (unread > 0) {
      out.printf(
          "%d orders are in Kafka but not in bronze yet: the next run reads them.%n", unread);
    }
    out.printf(
        "Run again with the same --work to resume: every query continues from its checkpoint,"
            + " the generator from order %d.%n",
        result.nextSequence());
  }
}
