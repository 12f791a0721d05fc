package io.tideline.examples;

import io.tideline.streaming.StreamingQueryListener;
import io.tideline.streaming.StreamingQueryProgress;
import java.io.PrintStream;

/**
 * A listener printing one line per micro-batch of every query of a session: which query, which
 * batch, how many input rows, and how long the batch took.
 */
public final class ProgressPrinter extends StreamingQueryListener {
  private final PrintStream out;

  public ProgressPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {
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
        event.id(), event.exception() == null ? "" : " with error: " + event.exception());
  }
}
