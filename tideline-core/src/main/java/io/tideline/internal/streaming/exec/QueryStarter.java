package io.tideline.internal.streaming.exec;

import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.connector.SinkProvider;
import io.tideline.internal.analysis.UnsupportedOperationChecker;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.streaming.checkpoint.CheckpointLock;
import io.tideline.internal.streaming.checkpoint.StreamMetadata;
import io.tideline.internal.streaming.sink.AggregationKeys;
import io.tideline.internal.streaming.sink.SinkProviders;
import io.tideline.internal.streaming.sinks.ForeachBatchSink;
import io.tideline.streaming.OutputMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Turns a {@link WriteSpec} into a running {@link StreamExecution}, with Spark's checks in Spark's
 * order: the plan against the output mode, the sink and its output modes, the checkpoint location
 * ({@code checkpointLocation} option, else {@code tideline.sql.streaming.checkpointLocation}/<name
 * or a random id>, else a temporary folder for the sinks that allow one), the query name among the
 * active queries, the query id (from {@code <checkpoint>/metadata}) among them, then the checkpoint
 * lock and the checkpoint's recorded shape. Everything that can be refused is refused here, before
 * {@code start()} returns; a refusal after the lock is taken releases it.
 */
public final class QueryStarter {

  /** Conf key of the root under which queries without a checkpointLocation option get theirs. */
  public static final String CHECKPOINT_ROOT_KEY = "tideline.sql.streaming.checkpointLocation";

  private static final Set<String> TEMP_CHECKPOINT_FORMATS =
      Set.of("memory", "console", "foreachbatch", "noop");

  private QueryStarter() {}

  /**
   * Validates {@code spec} and makes its query, holding the checkpoint; {@link
   * StreamExecution#start()} runs it.
   *
   * @param active the session's active queries, for the name and id checks (the caller holds the
   *     lock that guards it)
   * @param onTerminated called on the stream thread when the query ends
   */
  public static StreamExecution prepare(
      Tideline session,
      WriteSpec spec,
      Collection<StreamExecution> active,
      ListenerBus bus,
      Consumer<StreamExecution> onTerminated) {
    LogicalPlan plan = spec.data().logicalPlan();
    checkPlan(plan, spec.outputMode());
    SinkProvider provider = sinkProvider(spec);
    String queryLabel = spec.queryName().orElse("<unnamed>");
    boolean[] temporary = new boolean[1];
    Path checkpoint = checkpointLocation(session, spec, queryLabel, temporary);
    try {
      return prepareOn(
          session, spec, active, bus, onTerminated, plan, provider, checkpoint, temporary[0]);
    } catch (RuntimeException | Error e) {
      if (temporary[0]) {
        StreamExecution.deleteRecursively(checkpoint);
      }
      throw e;
    }
  }

  private static StreamExecution prepareOn(
      Tideline session,
      WriteSpec spec,
      Collection<StreamExecution> active,
      ListenerBus bus,
      Consumer<StreamExecution> onTerminated,
      LogicalPlan plan,
      SinkProvider provider,
      Path checkpoint,
      boolean temporary) {
    if (spec.queryName().isPresent()) {
      for (StreamExecution q : active) {
        if (spec.queryName().get().equals(q.name())) {
          throw QueryErrors.duplicateName(spec.queryName().get(), q.id());
        }
      }
    }
    UUID id = StreamMetadata.getOrCreate(checkpoint, UUID.randomUUID()).id();
    for (StreamExecution q : active) {
      if (q.id().equals(id)) {
        throw QueryErrors.concurrentQuery(id, q.runId(), checkpoint);
      }
    }
    UUID runId = UUID.randomUUID();
    CheckpointLock lock = CheckpointLock.acquire(checkpoint, id, runId);
    try {
      shapeOf(plan).checkOrRecord(checkpoint);
      Sink sink = createSink(session, spec, provider, id, checkpoint);
      return new StreamExecution(
          session, spec, plan, sink, id, runId, checkpoint, temporary, lock, bus, onTerminated);
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  private static void checkPlan(LogicalPlan plan, OutputMode mode) {
    UnsupportedOperationChecker.checkForStreaming(plan, mode);
  }

  private static SinkProvider sinkProvider(WriteSpec spec) {
    if (spec.sink().isPresent() || spec.foreachBatch().isPresent()) {
      return null;
    }
    SinkProvider provider = SinkProviders.forFormat(spec.format());
    checkOutputMode(provider, spec.format(), spec.outputMode());
    return provider;
  }

  /** Refuses an output mode the sink does not take, with Spark's error. */
  static void checkOutputMode(SinkProvider provider, String format, OutputMode mode) {
    if (!provider.supportedOutputModes().contains(mode)) {
      TreeSet<String> names = new TreeSet<>();
      provider.supportedOutputModes().forEach(m -> names.add(m.toString()));
      throw QueryErrors.outputModeUnsupported(format, mode.toString(), String.join(", ", names));
    }
  }

  static Path checkpointLocation(
      Tideline session, WriteSpec spec, String queryLabel, boolean[] temporary) {
    Optional<String> option = option(spec.options(), "checkpointLocation");
    if (option.isPresent()) {
      return Paths.get(option.get()).toAbsolutePath();
    }
    String root = session.conf().get(CHECKPOINT_ROOT_KEY, null);
    if (root != null) {
      String leaf = spec.queryName().orElse(UUID.randomUUID().toString());
      return Paths.get(root, leaf).toAbsolutePath();
    }
    String format = spec.format() == null ? "" : spec.format().toLowerCase(Locale.ROOT);
    if (spec.sink().isPresent()
        || spec.foreachBatch().isPresent()
        || TEMP_CHECKPOINT_FORMATS.contains(format)) {
      try {
        temporary[0] = true;
        return Files.createTempDirectory("temporary-").toAbsolutePath();
      } catch (IOException e) {
        throw QueryErrors.writeFailed(Paths.get(System.getProperty("java.io.tmpdir")), e);
      }
    }
    throw QueryErrors.checkpointLocationRequired(String.valueOf(spec.format()), queryLabel);
  }

  private static Optional<String> option(Map<String, String> options, String key) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  private static Sink createSink(
      Tideline session, WriteSpec spec, SinkProvider provider, UUID id, Path checkpoint) {
    if (spec.sink().isPresent()) {
      return spec.sink().get();
    }
    if (spec.foreachBatch().isPresent()) {
      return new ForeachBatchSink(spec.foreachBatch().get());
    }
    return provider.createSink(
        new SinkContext(
            session,
            spec.options(),
            spec.data().schema(),
            spec.outputMode(),
            spec.partitionColumns(),
            spec.path(),
            spec.tableName(),
            id,
            spec.queryName(),
            checkpoint,
            AggregationKeys.of(spec.data().logicalPlan())));
  }

  /** The shape the checkpoint must match: source identities and stateful operators. */
  static CheckpointShape shapeOf(LogicalPlan plan) {
    List<String> sources = new ArrayList<>();
    for (StreamingRelation r : MicroBatchExecution.uniqueRelations(plan)) {
      sources.add(r.source().identity());
    }
    List<String> operators = StatefulPlanning.statefulOperators(plan);
    return new CheckpointShape(sources, operators);
  }
}
