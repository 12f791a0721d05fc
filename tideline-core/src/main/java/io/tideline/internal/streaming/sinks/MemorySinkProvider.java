package io.tideline.internal.streaming.sinks;

import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.connector.SinkProvider;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Makes {@link MemorySink}s for {@code format("memory")} and registers each under its query's name,
 * so {@code t.table(queryName)} reads the rows written so far.
 *
 * <p>Restarts: the provider remembers, per session, the sink of each query name. When a query with
 * the same name <em>and the same query id</em> (the same checkpoint) starts again in the same
 * session, for example after a crash, it gets the same sink back, so the table keeps the rows of
 * the batches before the crash and the sink's batch-id check skips a re-delivered batch. A
 * different query id under the same name gets a new, empty sink, as in Spark, where the table is
 * replaced. The registry holds sessions weakly, so a closed and dropped session frees its sinks.
 *
 * <p>Differs from Spark, which refuses to restart a memory sink query from a checkpoint in append
 * and update mode: within one JVM we continue the table instead. A restart in another process
 * starts with an empty table (the rows were only in memory).
 */
public final class MemorySinkProvider implements SinkProvider {

  private static final Map<Tideline, Map<String, MemorySink>> SINKS = new WeakHashMap<>();

  @Override
  public String shortName() {
    return "memory";
  }

  @Override
  public Sink createSink(SinkContext context) {
    String name = context.queryName().orElseThrow(SinkErrors::memorySinkNeedsQueryName);
    if (!context.partitionColumns().isEmpty()) {
      throw SinkErrors.partitioningUnsupported("memory");
    }
    MemorySink sink = sinkFor(context, name);
    context.session().registerTempTable(name, sink::toPlan);
    return sink;
  }

  private static MemorySink sinkFor(SinkContext context, String name) {
    String key = name.toLowerCase(Locale.ROOT);
    synchronized (SINKS) {
      Map<String, MemorySink> bySession =
          SINKS.computeIfAbsent(context.session(), s -> new HashMap<>());
      MemorySink existing = bySession.get(key);
      if (existing != null
          && existing.queryId().equals(context.queryId())
          && existing.schema().equals(context.schema())
          && existing.outputMode() == context.outputMode()) {
        return existing;
      }
      MemorySink sink = new MemorySink(context.schema(), context.outputMode(), context.queryId());
      bySession.put(key, sink);
      return sink;
    }
  }
}
