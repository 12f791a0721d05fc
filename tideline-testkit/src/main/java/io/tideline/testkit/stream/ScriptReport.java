package io.tideline.testkit.stream;

import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The message of a failed stream script, laid out as Spark's {@code StreamTest} lays it out: the
 * failure, the script with a {@code =>} cursor, the rows compared, the query's state, last progress
 * and status, the sink's batches and the loop points the query reached.
 */
final class ScriptReport {

  private static final int MAX_POINTS_SHOWN = 30;

  private final StreamScript script;
  private final List<StreamScript.Step> steps;
  private final int cursor;
  private final StreamingQuery query;
  private final Path checkpoint;
  private final Throwable failure;

  ScriptReport(
      StreamScript script,
      List<StreamScript.Step> steps,
      int cursor,
      StreamingQuery query,
      Path checkpoint,
      Throwable failure) {
    this.script = script;
    this.steps = steps;
    this.cursor = cursor;
    this.query = query;
    this.checkpoint = checkpoint;
    this.failure = failure;
  }

  String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("Stream script failed");
    if (cursor < steps.size()) {
      sb.append(" at action ").append(cursor + 1).append(" of ").append(steps.size());
    } else {
      sb.append(" after its last action");
    }
    sb.append(": ").append(headline()).append("\n\n");
    sb.append("== Script (output mode ").append(script.outputMode).append(") ==\n");
    for (int i = 0; i < steps.size(); i++) {
      sb.append(i == cursor ? "=> " : "   ").append(steps.get(i).text()).append('\n');
    }
    if (failure instanceof ScriptRunner.StepFailure f && f.detail != null) {
      sb.append('\n').append(f.detail);
    }
    Throwable cause = failure instanceof ScriptRunner.StepFailure ? failure.getCause() : failure;
    if (cause != null) {
      sb.append("\n== Error ==\n").append(stackTrace(cause));
    }
    sb.append("\n== Query ==\n").append(describeQuery());
    sb.append("\n== Sink ==\n").append(describeSink());
    List<CrashInjector.Reached> points = script.crashes.reached();
    sb.append("\n== Loop points reached (last ")
        .append(Math.min(points.size(), MAX_POINTS_SHOWN))
        .append(" of ")
        .append(points.size())
        .append(") ==\n")
        .append(points.subList(Math.max(0, points.size() - MAX_POINTS_SHOWN), points.size()))
        .append('\n');
    sb.append("\nCheckpoint: ").append(checkpoint).append('\n');
    return sb.toString();
  }

  private String headline() {
    if (failure instanceof ScriptRunner.StepFailure) {
      return failure.getMessage();
    }
    if (failure instanceof AssertionError) {
      return "assertion failed: " + failure.getMessage();
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  private String describeQuery() {
    if (query == null) {
      return "(not started)\n";
    }
    StringBuilder sb = new StringBuilder();
    try {
      sb.append("name = ")
          .append(query.name())
          .append(", id = ")
          .append(query.id())
          .append(", runId = ")
          .append(query.runId())
          .append(", active = ")
          .append(query.isActive())
          .append('\n');
      query
          .exception()
          .ifPresent(e -> sb.append("exception: ").append(e.getMessage()).append('\n'));
      sb.append("status: ").append(query.status().json()).append('\n');
      StreamingQueryProgress last = query.lastProgress();
      sb.append("last progress: ").append(last == null ? "(none)" : last.prettyJson()).append('\n');
    } catch (RuntimeException e) {
      sb.append("(could not describe the query: ").append(e).append(")\n");
    }
    return sb.toString();
  }

  private String describeSink() {
    if (script.output != null) {
      try {
        return Rows.inline(script.output.contents().get()) + '\n';
      } catch (RuntimeException e) {
        return "(could not read the output: " + e + ")\n";
      }
    }
    RecordingSink sink = script.sink();
    return sink.describeBatches() + "deliveries in order: " + sink.deliveries() + '\n';
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
