package io.tideline.internal.delta;

import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Project;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Delta streaming source ({@code readStream().format("delta").load(path)}), as delta-spark's
 * {@code DeltaSource}: the table as a stream of the files its commits add.
 *
 * <h2>Protocol</h2>
 *
 * The stream is a sequence of positions {@code (version, index)} ({@link DeltaSourceOffset}):
 *
 * <ol>
 *   <li>Without {@code startingVersion} or {@code startingTimestamp}, first the files of the
 *       snapshot at the latest version when the query starts ({@code isStartingVersion = true}),
 *       sorted by modification time and path, at indexes 0, 1, ...; with one of them, nothing
 *       before that version.
 *   <li>Then for each later version: its base position ({@code index = -1}), then the files it adds
 *       with {@code dataChange = true}, at indexes 0, 1, ... A commit that also removes files with
 *       {@code dataChange = true} fails the stream ({@code DELTA_SOURCE_TABLE_IGNORE_CHANGES}, or
 *       {@code DELTA_SOURCE_IGNORE_DELETE} when it adds nothing) unless {@code skipChangeCommits}
 *       (then it contributes no file), {@code ignoreChanges} (its adds are read) or, for pure
 *       deletes, {@code ignoreDeletes} allow it.
 *   <li>{@link #latestOffset} walks the positions after {@code start} while the read limit admits
 *       them and returns the last one; when that is the last file of its version, the offset moves
 *       to the next version's base position instead, so the next batch does not read that commit
 *       again.
 *   <li>{@link #getBatch}{@code (start, end)} reads the files at the positions in {@code (start,
 *       end]} with Tideline's Parquet reader ({@link DeltaScan#planFiles}).
 * </ol>
 *
 * <h2>Recovery</h2>
 *
 * An offset names table versions and file indexes, which the immutable log maps to the same files
 * on every read: a restarted query re-reads the commits it needs from the log. The offset carries
 * the table id; a checkpoint of another table (or of a table since re-created) is refused.
 *
 * <h2>Costs</h2>
 *
 * Each commit is read once, by Kernel, when it first appears, and kept until the query commits past
 * it ({@link DeltaChangeLog}); an idle trigger costs a file-system check or two.
 *
 * <p>Not thread-safe: the query's stream thread calls it.
 */
final class DeltaSource implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaSource.class);

  private final DeltaTable table;
  private final String shown;
  private final String description;
  private final DeltaSourceOptions options;
  private final StructType schema;
  private final String schemaString;
  private final List<String> partitionColumns;
  private final String tableId;
  private final long initialVersion;

  /** The first version read, when the stream starts from a commit rather than a snapshot. */
  private final Optional<Long> startingVersion;

  private final DeltaChangeLog log;

  private boolean availableNow;
  private boolean availableNowFixed;
  private Optional<DeltaSourceOffset> availableNowEnd = Optional.empty();

  DeltaSource(
      DeltaTable table,
      String shown,
      DeltaSourceOptions options,
      StructType schema,
      io.delta.kernel.Snapshot initial,
      Optional<Long> startingVersion) {
    this.table = table;
    this.shown = shown;
    this.description = "DeltaSource[file:" + table.displayPath() + "]";
    this.options = options;
    this.schema = schema;
    this.schemaString = initial.getSchema().toJson();
    this.partitionColumns = List.copyOf(initial.getPartitionColumnNames());
    this.tableId = KernelInternals.tableId(initial);
    this.initialVersion = initial.getVersion();
    this.startingVersion = startingVersion;
    this.log = new DeltaChangeLog(table, shown, initial.getVersion());
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public ReadLimit defaultReadLimit() {
    List<ReadLimit> limits = new ArrayList<>();
    options.maxBytesPerTrigger().ifPresent(b -> limits.add(ReadLimit.maxBytes(b)));
    if (options.maxFilesPerTrigger().isPresent() || options.maxBytesPerTrigger().isEmpty()) {
      limits.add(
          ReadLimit.maxFiles(
              options
                  .maxFilesPerTrigger()
                  .orElse(DeltaSourceOptions.DEFAULT_MAX_FILES_PER_TRIGGER)));
    }
    return ReadLimit.compose(limits);
  }

  @Override
  public Optional<Offset> latestOffset(Optional<Offset> start, ReadLimit limit) {
    Optional<DeltaSourceOffset> from = start.map(this::toDeltaOffset);
    log.refresh();
    if (availableNow && !availableNowFixed) {
      availableNowFixed = true;
      availableNowEnd = next(from, Optional.empty(), Optional.empty());
      LOG.info("{}: Trigger.AvailableNow reads up to {}", description, availableNowEnd);
    }
    if (availableNow && availableNowEnd.isEmpty()) {
      return start;
    }
    Optional<DeltaSourceOffset> end = next(from, DeltaAdmission.of(limit), availableNowEnd);
    LOG.debug("{}: latestOffset {} -> {}", description, from, end);
    return end.map(Offset.class::cast);
  }

  @Override
  public boolean prepareForTriggerAvailableNow() {
    availableNow = true;
    return true;
  }

  /** The end of the next batch after {@code from} within {@code admission} and {@code bound}. */
  private Optional<DeltaSourceOffset> next(
      Optional<DeltaSourceOffset> from,
      Optional<DeltaAdmission> admission,
      Optional<DeltaSourceOffset> bound) {
    long version;
    long index;
    boolean starting;
    if (from.isPresent()) {
      version = from.get().reservoirVersion();
      index = from.get().index();
      starting = from.get().isStartingVersion();
    } else {
      version = startingVersion.orElse(initialVersion);
      index = DeltaSourceOffset.BASE_INDEX;
      starting = startingVersion.isEmpty();
    }
    Position last = scan(version, index, starting, admission, bound, false, f -> {});
    if (last == null) {
      return from;
    }
    if (last.isLast) {
      return Optional.of(
          new DeltaSourceOffset(tableId, last.version + 1, DeltaSourceOffset.BASE_INDEX, false));
    }
    return Optional.of(
        new DeltaSourceOffset(
            tableId, last.version, last.index, starting && last.version == version));
  }

  /** A position in the stream; {@code isLast} when it is the last file of its version. */
  private record Position(long version, long index, boolean isLast) {}

  /**
   * Walks the positions after {@code (fromVersion, fromIndex)} in order, while each is within
   * {@code bound} and admitted, handing each file to {@code files}; returns the last position
   * walked, or null.
   *
   * @param readUpToBound read commits up to {@code bound} even when not seen yet (a batch re-run
   *     after a restart); otherwise only up to the newest version known
   */
  private Position scan(
      long fromVersion,
      long fromIndex,
      boolean starting,
      Optional<DeltaAdmission> admission,
      Optional<DeltaSourceOffset> bound,
      boolean readUpToBound,
      Consumer<AddedFile> files) {
    Position last = null;
    if (starting) {
      List<AddedFile> snapshot = log.snapshotFiles(fromVersion);
      for (int i = (int) Math.max(0, fromIndex + 1); i < snapshot.size(); i++) {
        AddedFile f = snapshot.get(i);
        if (!within(bound, fromVersion, i) || !admit(admission, f)) {
          return last;
        }
        files.accept(f);
        last = new Position(fromVersion, i, false);
      }
    }
    long upTo = log.latestVersion();
    if (bound.isPresent()) {
      upTo =
          readUpToBound
              ? bound.get().reservoirVersion()
              : Math.min(upTo, bound.get().reservoirVersion());
    }
    for (long v = starting ? fromVersion + 1 : fromVersion; v <= upTo; v++) {
      if (bound.isPresent()
          && v == bound.get().reservoirVersion()
          && bound.get().index() == DeltaSourceOffset.BASE_INDEX) {
        // The end is this version's base position: nothing of it is read, and it may not exist.
        if (v > fromVersion && admit(admission, null)) {
          last = new Position(v, DeltaSourceOffset.BASE_INDEX, false);
        }
        return last;
      }
      List<AddedFile> adds = filesOf(log.commit(v));
      if (v > fromVersion) {
        if (!within(bound, v, DeltaSourceOffset.BASE_INDEX) || !admit(admission, null)) {
          return last;
        }
        last = new Position(v, DeltaSourceOffset.BASE_INDEX, false);
      }
      for (int i = 0; i < adds.size(); i++) {
        if (v == fromVersion && i <= fromIndex) {
          continue;
        }
        AddedFile f = adds.get(i);
        if (!within(bound, v, i) || !admit(admission, f)) {
          return last;
        }
        files.accept(f);
        last = new Position(v, i, i == adds.size() - 1);
      }
    }
    return last;
  }

  private static boolean within(Optional<DeltaSourceOffset> bound, long version, long index) {
    if (bound.isEmpty()) {
      return true;
    }
    DeltaSourceOffset b = bound.get();
    return version < b.reservoirVersion() || version == b.reservoirVersion() && index <= b.index();
  }

  private static boolean admit(Optional<DeltaAdmission> admission, AddedFile file) {
    return admission.isEmpty() || admission.get().admit(file);
  }

  /**
   * The files a commit contributes to the stream, after delta-spark's checks: a schema change the
   * source's schema cannot read fails the stream, and so does a commit that removes data unless the
   * options allow it.
   */
  private List<AddedFile> filesOf(DeltaCommitFiles commit) {
    commit.schemaString().ifPresent(s -> checkSchema(commit.version(), s));
    if (commit.removedFile().isEmpty()) {
      return commit.adds();
    }
    String removed = commit.removedFile().get();
    if (!commit.adds().isEmpty() && !options.allowsChanges()) {
      throw DeltaErrors.sourceIgnoreChanges(shown, commit.version(), removed);
    }
    if (commit.adds().isEmpty() && !options.allowsDeletes()) {
      throw DeltaErrors.sourceIgnoreDelete(shown, commit.version(), removed);
    }
    return options.skipChangeCommits() ? List.of() : commit.adds();
  }

  /**
   * Fails when the schema a commit sets cannot be read with the source's schema: a column the
   * source does not have, a type that differs, or a column the source reads as non-null that may
   * now be null. Other metadata changes (table properties) pass.
   */
  private void checkSchema(long version, String newSchemaString) {
    if (newSchemaString.equals(schemaString)) {
      return;
    }
    StructType changed =
        DeltaSchemas.fromKernel(KernelInternals.parseSchema(newSchemaString), shown);
    for (StructField f : changed.fields()) {
      StructField read = field(schema, f.name());
      if (read == null
          || !read.dataType().equals(f.dataType())
          || !read.nullable() && f.nullable()) {
        throw DeltaErrors.schemaChanged(
            shown,
            version,
            schema.simpleString(),
            changed.simpleString(),
            options.startsFromCommit());
      }
    }
  }

  private static StructField field(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }

  @Override
  public LogicalPlan getBatch(Optional<Offset> start, Offset end, List<Attribute> output) {
    DeltaSourceOffset to = toDeltaOffset(end);
    Optional<DeltaSourceOffset> from = start.map(this::toDeltaOffset);
    if (from.isPresent() && from.get().equals(to)) {
      return new LocalRelation(output, List.of());
    }
    long version;
    long index;
    boolean starting;
    if (from.isPresent()) {
      version = from.get().reservoirVersion();
      index = from.get().index();
      starting = from.get().isStartingVersion();
    } else if (startingVersion.isPresent()) {
      version = startingVersion.get();
      index = DeltaSourceOffset.BASE_INDEX;
      starting = false;
    } else {
      // As delta-spark: the first batch of a query starts with a snapshot; when its end is past
      // the snapshot, the snapshot just before the end's version holds the same files.
      version = to.isStartingVersion() ? to.reservoirVersion() : to.reservoirVersion() - 1;
      index = DeltaSourceOffset.BASE_INDEX;
      starting = true;
    }
    Map<Map<String, String>, List<Path>> filesByPartition = new LinkedHashMap<>();
    int[] count = new int[1];
    scan(
        version,
        index,
        starting,
        Optional.empty(),
        Optional.of(to),
        true,
        f -> {
          count[0]++;
          filesByPartition
              .computeIfAbsent(f.partitionValues(), k -> new ArrayList<>())
              .add(DeltaScan.resolve(table, f.path()));
        });
    LOG.debug("{}: batch ({}, {}] reads {} files", description, from, to, count[0]);
    LogicalPlan plan = DeltaScan.planFiles(schema, partitionColumns, filesByPartition);
    return onto(plan, output);
  }

  /** {@code plan} with its columns renamed to the query's {@code output} attributes, by name. */
  private static LogicalPlan onto(LogicalPlan plan, List<Attribute> output) {
    List<Attribute> columns = plan.output();
    List<Expr> projection = new ArrayList<>(output.size());
    for (Attribute o : output) {
      Attribute match = null;
      for (Attribute c : columns) {
        if (c.name().equalsIgnoreCase(o.name())) {
          match = c;
          break;
        }
      }
      if (match == null) {
        throw new IllegalStateException(
            "Bug in Tideline: the Delta source has no column " + o.name() + " for the query");
      }
      projection.add(new Alias(match, o.name(), o.exprId()));
    }
    return new Project(projection, plan);
  }

  @Override
  public void commit(Offset end) {
    DeltaSourceOffset o = toDeltaOffset(end);
    log.forgetBefore(o.reservoirVersion());
  }

  /**
   * delta-spark's backlog metrics: {@code numFilesOutstanding} and {@code numBytesOutstanding}, the
   * files (and their bytes) known to be after {@code end}, not yet read.
   */
  @Override
  public Map<String, String> metrics(Optional<Offset> end) {
    long[] files = new long[1];
    long[] bytes = new long[1];
    Optional<DeltaSourceOffset> from = end.map(this::toDeltaOffset);
    long version =
        from.map(DeltaSourceOffset::reservoirVersion)
            .orElse(startingVersion.orElse(initialVersion));
    long index = from.map(DeltaSourceOffset::index).orElse(DeltaSourceOffset.BASE_INDEX);
    boolean starting =
        from.map(DeltaSourceOffset::isStartingVersion).orElse(startingVersion.isEmpty());
    try {
      scan(
          version,
          index,
          starting,
          Optional.empty(),
          Optional.empty(),
          false,
          f -> {
            files[0]++;
            bytes[0] += f.size();
          });
    } catch (RuntimeException e) {
      // A commit the stream will refuse: the next trigger reports it; metrics stay quiet.
      LOG.debug("{}: no backlog metrics: {}", description, e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("numBytesOutstanding", Long.toString(bytes[0]));
    out.put("numFilesOutstanding", Long.toString(files[0]));
    return out;
  }

  @Override
  public Offset deserializeOffset(String json) {
    return toDeltaOffset(json);
  }

  private DeltaSourceOffset toDeltaOffset(Offset offset) {
    if (offset instanceof DeltaSourceOffset d) {
      return d;
    }
    return toDeltaOffset(offset.json());
  }

  private DeltaSourceOffset toDeltaOffset(String json) {
    DeltaSourceOffset o;
    try {
      o = DeltaSourceOffset.parse(json);
    } catch (IllegalArgumentException e) {
      throw DeltaErrors.invalidSourceOffset(shown, json, e.getMessage());
    }
    if (!o.reservoirId().equals(tableId)) {
      throw DeltaErrors.differentTable(shown, tableId, o.reservoirId());
    }
    return o;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}
