package io.tideline.examples;

import io.tideline.streaming.StreamingQueryListener;
import io.tideline.streaming.StreamingQueryProgress;
import java.io.PrintStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A listener printing one line per micro-batch of every query of a session: which query, which
 * batch, how many input rows, and how long the batch took.
 */
public final class ProgressPrinter extends StreamingQueryListener {
  private final PrintStream out;
  // The terminated event carries only ids; remember the names the started events gave.
  private final Map<UUID, String> names = new ConcurrentHashMap<>();

  public ProgressPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {
    names.put(event.runId(), event.name() == null ? event.id().toString() : event.name());
    out.printf("[%s] started (id %s, run %s)%n", event.name(), event.id(), event.runId());
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress p = event.progress();
    out.printf(
        "[%s] batch %d: numInputRows=%d in %d ms%n",
        p.name(),
        p.batchId(),
        p.numInputRows(),
        p.durationMs().getOrDefault("triggerExecution", 0L));
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {
    out.printf(
        "[%s] terminated%s%n",
        names.getOrDefault(event.runId(), event.id().toString()),
        event.exception() == null ? "" : " with error: " + event.exception());
  }
}
