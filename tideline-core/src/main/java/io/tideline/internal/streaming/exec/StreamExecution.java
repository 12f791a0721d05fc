package io.tideline.internal.streaming.exec;

import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.connector.Source;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.exec.QueryExecution;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.streaming.TriggerExecutor;
import io.tideline.internal.streaming.TriggerExecutors;
import io.tideline.internal.streaming.checkpoint.CheckpointLock;
import io.tideline.internal.streaming.memory.MemorySource;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryListener;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.StreamingQueryStatus;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a streaming query: the handle {@code start()} returns and the stream thread behind it,
 * as Spark's {@code StreamExecution}.
 *
 * <p>Life: {@link #start()} posts the started event (waiting until listeners have it) and starts
 * the stream thread, which creates the sources, recovers from the checkpoint and runs the {@link
 * MicroBatchExecution} under the trigger's executor until the trigger is done, {@link #stop()}
 * interrupts it, or a batch fails. Then it stops the sources and sink, releases the checkpoint lock
 * (deleting a temporary checkpoint on a clean end), posts the terminated event and tells the
 * manager, in that order, and only then do {@link #awaitTermination()} callers wake.
 *
 * <p>A {@link LoopHooks.SimulatedCrash} ends the run as a killed process would: nothing more is
 * written to the checkpoint, and the crash is the query's exception.
 */
public final class StreamExecution implements StreamingQuery {
  private static final Logger LOG = LoggerFactory.getLogger(StreamExecution.class);

  /** How long {@link #stop()} waits for the loop before interrupting it again. */
  private static final long STOP_REINTERRUPT_MS = 200;

  private final Tideline session;
  private final WriteSpec spec;
  private final LogicalPlan plan;
  private final Sink sink;
  private final UUID id;
  private final UUID runId;
  private final String name;
  private final Path checkpoint;
  private final boolean temporaryCheckpoint;
  private final CheckpointLock lock;
  private final ListenerBus bus;
  private final Consumer<StreamExecution> onTerminated;
  private final ProgressReporter progress;
  private final LoopSignal signal = new LoopSignal();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final CountDownLatch initialized = new CountDownLatch(1);
  private final Thread thread;
  private final Runnable wake = this::wake;

  private volatile boolean active = true;
  private volatile boolean stopRequested;
  private boolean finishing;
  private volatile StreamingQueryException exception;
  private volatile MicroBatchExecution loop;

  StreamExecution(
      Tideline session,
      WriteSpec spec,
      LogicalPlan plan,
      Sink sink,
      UUID id,
      UUID runId,
      Path checkpoint,
      boolean temporaryCheckpoint,
      CheckpointLock lock,
      ListenerBus bus,
      Consumer<StreamExecution> onTerminated) {
    this.session = session;
    this.spec = spec;
    this.plan = plan;
    this.sink = sink;
    this.id = id;
    this.runId = runId;
    this.name = spec.queryName().orElse(null);
    this.checkpoint = checkpoint;
    this.temporaryCheckpoint = temporaryCheckpoint;
    this.lock = lock;
    this.bus = bus;
    this.onTerminated = onTerminated;
    this.progress =
        new ProgressReporter(
            id,
            runId,
            name,
            spec.clock(),
            bus,
            session.conf().getInt("tideline.sql.streaming.numRecentProgressUpdates", 100),
            session.conf().getLong("tideline.sql.streaming.noDataProgressEventInterval", 10_000));
    this.thread = new Thread(this::run, "stream execution thread for " + prettyId());
    this.thread.setDaemon(true);
  }

  private String prettyId() {
    String ids = "[id = " + id + ", runId = " + runId + "]";
    return name == null ? ids : name + " " + ids;
  }

  /**
   * Posts the started event, waits until listeners have it, starts the stream thread and waits
   * until it has made the sources and recovered from the checkpoint, so that what a source has at
   * {@code start()} is what an {@code AvailableNow} run processes. A failure meanwhile is the
   * query's exception, not {@code start()}'s.
   */
  public void start() {
    bus.postAndWait(
        new StreamingQueryListener.QueryStartedEvent(
            id, runId, name, Instant.ofEpochMilli(spec.clock().nowMs()).toString()));
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        initialized.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Throwable failure = null;
    try {
      progress.setStatus("Initializing sources", false, false);
      MicroBatchExecution batches =
          new MicroBatchExecution(session, spec, plan, sink, checkpoint, progress, signal);
      loop = batches;
      for (Source s : batches.sources()) {
        if (s instanceof MemorySource m) {
          m.onNewData(wake);
        }
      }
      batches.recover();
      initialized.countDown();
      // The loop waits for data itself (see LoopSignal), so the executor's own polling is off.
      TriggerExecutor executor = TriggerExecutors.forTrigger(spec.trigger(), spec.clock(), 0L);
      executor.execute(batches);
    } catch (InterruptedException e) {
      failure = stopRequested ? null : e;
    } catch (Throwable t) {
      // What a stop interrupts fails in many ways; none of them is the query's error.
      failure = stopRequested && !(t instanceof LoopHooks.SimulatedCrash) ? null : t;
    }
    finish(failure);
  }

  private void finish(Throwable failure) {
    initialized.countDown();
    synchronized (this) {
      finishing = true;
    }
    // A stop may have interrupted the thread; the cleanup below must not see that interrupt.
    Thread.interrupted();
    MicroBatchExecution batches = loop;
    if (failure != null) {
      long batchId = batches == null ? -1 : batches.currentBatchId();
      exception = new StreamingQueryException(name, id, runId, batchId, failure);
      LOG.error("Query {} terminated with error", prettyId(), failure);
    }
    try {
      release(batches, failure);
    } catch (RuntimeException | Error e) {
      // The query must still end, or stop() and awaitTermination() would wait forever.
      LOG.error("Failed to release the resources of query {}", prettyId(), e);
    }
    active = false;
    progress.setStatus(
        failure == null ? "Stopped" : "Terminated with exception: " + failure.getMessage(),
        false,
        false);
    StreamingQueryException e = exception;
    bus.post(
        new StreamingQueryListener.QueryTerminatedEvent(
            id,
            runId,
            e == null ? null : e.getMessage(),
            failure instanceof TidelineException t ? t.getCondition() : null));
    onTerminated.accept(this);
    signal.end();
    terminated.countDown();
  }

  /** Stops the sources, state stores and sink, and gives the checkpoint back. */
  private void release(MicroBatchExecution batches, Throwable failure) {
    try {
      if (batches != null) {
        for (Source s : batches.sources()) {
          if (s instanceof MemorySource m) {
            m.removeCallback(wake);
          }
        }
        batches.close();
      }
      sink.stop();
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
    if (temporaryCheckpoint
        && (failure == null
            || session
                .conf()
                .getBoolean("tideline.sql.streaming.forceDeleteTempCheckpointLocation", false))) {
      deleteRecursively(checkpoint);
    }
  }

  /** Deletes a temporary checkpoint folder; a failure is logged, not thrown. */
  static void deleteRecursively(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("Could not delete the temporary checkpoint {}", dir, e);
    }
  }

  /** Wakes an idle loop: a source has new data. */
  void wake() {
    signal.wake();
  }

  /** The checkpoint folder of this run. */
  public Path checkpoint() {
    return checkpoint;
  }

  @Override
  public UUID id() {
    return id;
  }

  @Override
  public UUID runId() {
    return runId;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isActive() {
    return active;
  }

  @Override
  public StreamingQueryStatus status() {
    return progress.status();
  }

  @Override
  public StreamingQueryProgress lastProgress() {
    return progress.lastProgress();
  }

  @Override
  public List<StreamingQueryProgress> recentProgress() {
    return progress.recentProgress();
  }

  @Override
  public void stop() {
    synchronized (this) {
      stopRequested = true;
      if (!finishing) {
        thread.interrupt();
      }
    }
    if (Thread.currentThread() == thread) {
      // Stopped from inside a batch (e.g. by a foreachBatch function): the loop ends after it.
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        if (terminated.await(STOP_REINTERRUPT_MS, TimeUnit.MILLISECONDS)) {
          break;
        }
        // Code inside a batch (a Kafka client, a user's foreachBatch) may swallow the interrupt;
        // the trigger loop would then wait for its next trigger forever. Interrupt again until the
        // loop ends; finish() stops that before the cleanup runs.
        synchronized (this) {
          if (!finishing) {
            thread.interrupt();
          }
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void awaitTermination() throws StreamingQueryException {
    checkNotStreamThread();
    try {
      terminated.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    throwIfFailed();
  }

  @Override
  public boolean awaitTermination(long timeoutMs) throws StreamingQueryException {
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("Timeout has to be positive, but is " + timeoutMs);
    }
    checkNotStreamThread();
    boolean ended;
    try {
      ended = terminated.await(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (ended) {
      throwIfFailed();
    }
    return ended;
  }

  @Override
  public void processAllAvailable() throws StreamingQueryException {
    checkNotStreamThread();
    if (!active) {
      throwIfFailed();
      return;
    }
    try {
      signal.awaitDrained();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    throwIfFailed();
  }

  private void checkNotStreamThread() {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException(
          "Cannot wait for a query state from the same thread that is running the query");
    }
  }

  private void throwIfFailed() throws StreamingQueryException {
    StreamingQueryException e = exception;
    if (e != null) {
      throw e;
    }
  }

  @Override
  public Optional<StreamingQueryException> exception() {
    return Optional.ofNullable(exception);
  }

  @Override
  public void explain() {
    explain(false);
  }

  @Override
  public void explain(boolean extended) {
    System.out.println(explainString(extended));
  }

  @Override
  public String explainString(boolean extended) {
    MicroBatchExecution batches = loop;
    LogicalPlan last = batches == null ? null : batches.lastBatchPlan();
    if (last == null) {
      return "No physical plan. Waiting for data.";
    }
    return new QueryExecution(last, batches.conf(), session.pool()).explainString(extended);
  }

  @Override
  public String toString() {
    return "StreamingQuery " + prettyId();
  }
}
