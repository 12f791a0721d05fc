package io.tideline.streaming;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a streaming query did in one trigger: the record {@code StreamingQuery.lastProgress()}
 * returns and listeners receive, with Spark's fields. Immutable; built by the engine with {@link
 * #builder(UUID, UUID)}.
 *
 * <p>JSON ({@link #json()}, {@link #prettyJson()}), fields in this order and with these types, as
 * Spark writes them:
 *
 * <pre>
 * id                      string, the query id (stable across restarts)
 * runId                   string, the run id (new per start)
 * name                    string or null
 * timestamp               string, trigger start, yyyy-MM-dd'T'HH:mm:ss.SSS'Z' in UTC
 * batchId                 number
 * batchDuration           number, ms, the whole trigger
 * numInputRows            number, summed over sources
 * inputRowsPerSecond      number, one decimal, summed over sources; absent if NaN or infinite
 * processedRowsPerSecond  number, likewise
 * durationMs              object, phase to ms, sorted keys; absent if empty
 * eventTime               object of strings (avg, max, min, watermark); absent if empty
 * stateOperators          array of {@link StateOperatorProgress}
 * sources                 array of {@link SourceProgress}
 * sink                    {@link SinkProgress}
 * observedMetrics         object, name to row; absent if empty
 * </pre>
 *
 * <p>Secrets never reach progress: the engine passes source and sink descriptions and offsets
 * already redacted, and this class writes them as given.
 */
public final class StreamingQueryProgress {

  private final UUID id;
  private final UUID runId;
  private final String name;
  private final Instant timestamp;
  private final long batchId;
  private final long batchDuration;
  private final Map<String, Long> durationMs;
  private final Map<String, String> eventTime;
  private final List<StateOperatorProgress> stateOperators;
  private final List<SourceProgress> sources;
  private final SinkProgress sink;
  private final Map<String, String> observedMetrics;

  private StreamingQueryProgress(Builder b) {
    this.id = b.id;
    this.runId = b.runId;
    this.name = b.name;
    this.timestamp = Objects.requireNonNull(b.timestamp, "timestamp");
    this.batchId = b.batchId;
    this.batchDuration = b.batchDuration;
    this.durationMs = ProgressJson.sortedCopy(b.durationMs, "durationMs");
    this.eventTime = ProgressJson.sortedCopy(b.eventTime, "eventTime");
    this.stateOperators = List.copyOf(b.stateOperators);
    this.sources = List.copyOf(b.sources);
    this.sink = Objects.requireNonNull(b.sink, "sink");
    this.observedMetrics = ProgressJson.sortedCopy(b.observedMetrics, "observedMetrics");
  }

  /** A builder for one trigger's progress of a query run. */
  public static Builder builder(UUID id, UUID runId) {
    return new Builder(id, runId);
  }

  /** The query id, stable across restarts from one checkpoint. */
  public UUID id() {
    return id;
  }

  /** The id of this run of the query, new at every start. */
  public UUID runId() {
    return runId;
  }

  /** The query name, or null if it has none. */
  public String name() {
    return name;
  }

  /** The start of the trigger, as Spark gives it: ISO-8601 in UTC with milliseconds. */
  public String timestamp() {
    return ProgressJson.formatTimestamp(timestamp);
  }

  /** The start of the trigger. */
  public Instant triggerStart() {
    return timestamp;
  }

  /** The batch id; for an idle trigger, the id of the next batch to run. */
  public long batchId() {
    return batchId;
  }

  /** The duration of the whole trigger, in milliseconds. */
  public long batchDuration() {
    return batchDuration;
  }

  /** Rows read in the trigger, summed over sources. */
  public long numInputRows() {
    long total = 0;
    for (SourceProgress source : sources) {
      total += source.numInputRows();
    }
    return total;
  }

  /** The arrival rate summed over sources, rows per second. */
  public double inputRowsPerSecond() {
    double total = 0;
    for (SourceProgress source : sources) {
      total += source.inputRowsPerSecond();
    }
    return total;
  }

  /** The processing rate summed over sources, rows per second. */
  public double processedRowsPerSecond() {
    double total = 0;
    for (SourceProgress source : sources) {
      total += source.processedRowsPerSecond();
    }
    return total;
  }

  /**
   * Milliseconds per phase of the trigger ({@code triggerExecution}, {@code latestOffset}, {@code
   * walCommit}, {@code getBatch}, {@code queryPlanning}, {@code addBatch}, {@code commitOffsets}),
   * sorted by name.
   */
  public Map<String, Long> durationMs() {
    return durationMs;
  }

  /**
   * Event-time statistics of the trigger ({@code avg}, {@code max}, {@code min}, {@code
   * watermark}).
   */
  public Map<String, String> eventTime() {
    return eventTime;
  }

  public List<StateOperatorProgress> stateOperators() {
    return stateOperators;
  }

  public List<SourceProgress> sources() {
    return sources;
  }

  public SinkProgress sink() {
    return sink;
  }

  /** Observed metrics by name, each a row rendered as a JSON object. */
  public Map<String, String> observedMetrics() {
    return observedMetrics;
  }

  /** The compact JSON of this progress. */
  public String json() {
    return ProgressJson.compact(jsonValue());
  }

  /** The indented JSON of this progress, as Spark prints it. */
  public String prettyJson() {
    return ProgressJson.pretty(jsonValue());
  }

  ObjectNode jsonValue() {
    ObjectNode node = ProgressJson.object();
    node.put("id", id.toString());
    node.put("runId", runId.toString());
    node.put("name", name);
    node.put("timestamp", timestamp());
    node.put("batchId", batchId);
    node.put("batchDuration", batchDuration);
    node.put("numInputRows", numInputRows());
    ProgressJson.putRate(node, "inputRowsPerSecond", inputRowsPerSecond());
    ProgressJson.putRate(node, "processedRowsPerSecond", processedRowsPerSecond());
    ProgressJson.putMap(node, "durationMs", durationMs, (o, k) -> o.put(k, durationMs.get(k)));
    ProgressJson.putMap(node, "eventTime", eventTime, (o, k) -> o.put(k, eventTime.get(k)));
    ArrayNode operators = node.putArray("stateOperators");
    for (StateOperatorProgress operator : stateOperators) {
      operators.add(operator.jsonValue());
    }
    ArrayNode sourceArray = node.putArray("sources");
    for (SourceProgress source : sources) {
      sourceArray.add(source.jsonValue());
    }
    node.set("sink", sink.jsonValue());
    ProgressJson.putMap(
        node,
        "observedMetrics",
        observedMetrics,
        (o, k) -> ProgressJson.putOffset(o, k, observedMetrics.get(k)));
    return node;
  }

  @Override
  public String toString() {
    return prettyJson();
  }

  /** Collects one trigger's progress. */
  public static final class Builder {
    private final UUID id;
    private final UUID runId;
    private String name;
    private Instant timestamp;
    private long batchId;
    private long batchDuration;
    private Map<String, Long> durationMs = Map.of();
    private Map<String, String> eventTime = Map.of();
    private List<StateOperatorProgress> stateOperators = List.of();
    private List<SourceProgress> sources = List.of();
    private SinkProgress sink;
    private Map<String, String> observedMetrics = Map.of();

    private Builder(UUID id, UUID runId) {
      this.id = Objects.requireNonNull(id, "id");
      this.runId = Objects.requireNonNull(runId, "runId");
    }

    /** The query name; null (the default) when the query has none. */
    public Builder name(String value) {
      this.name = value;
      return this;
    }

    public Builder timestamp(Instant value) {
      this.timestamp = value;
      return this;
    }

    public Builder batchId(long value) {
      this.batchId = value;
      return this;
    }

    public Builder batchDuration(long value) {
      this.batchDuration = value;
      return this;
    }

    public Builder durationMs(Map<String, Long> value) {
      this.durationMs = Objects.requireNonNull(value, "durationMs");
      return this;
    }

    public Builder eventTime(Map<String, String> value) {
      this.eventTime = Objects.requireNonNull(value, "eventTime");
      return this;
    }

    public Builder stateOperators(List<StateOperatorProgress> value) {
      this.stateOperators = Objects.requireNonNull(value, "stateOperators");
      return this;
    }

    public Builder sources(List<SourceProgress> value) {
      this.sources = Objects.requireNonNull(value, "sources");
      return this;
    }

    public Builder sink(SinkProgress value) {
      this.sink = value;
      return this;
    }

    /** Observed metrics by name, each a row already rendered as a JSON object. */
    public Builder observedMetrics(Map<String, String> value) {
      this.observedMetrics = Objects.requireNonNull(value, "observedMetrics");
      return this;
    }

    public StreamingQueryProgress build() {
      return new StreamingQueryProgress(this);
    }
  }
}
