package io.tideline.internal.streaming.sources.file;

import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.FileRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.streaming.Clock;
import io.tideline.internal.streaming.checkpoint.CheckpointErrors;
import io.tideline.internal.streaming.files.FileBatchPlanner;
import io.tideline.internal.streaming.files.FileEntry;
import io.tideline.internal.streaming.files.FilePaths;
import io.tideline.internal.streaming.files.FileStreamSinkLog;
import io.tideline.internal.streaming.files.FileStreamSourceLog;
import io.tideline.internal.streaming.files.FileStreamSourceOffset;
import io.tideline.internal.streaming.files.FileStreamSourceOptions;
import io.tideline.internal.streaming.files.FileStreamSourceOptions.CleanSourceMode;
import io.tideline.internal.streaming.files.SeenFiles;
import io.tideline.internal.streaming.files.SinkFileIndex;
import io.tideline.internal.streaming.files.SourceFile;
import io.tideline.internal.streaming.files.SourceFileCleaner;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file stream source: reads each file that appears under a folder or glob exactly once, in
 * micro-batches, as Spark's {@code FileStreamSource}.
 *
 * <h2>Protocol</h2>
 *
 * <ol>
 *   <li>{@link #latestOffset}: list the path once (or, for {@code Trigger.AvailableNow}, take the
 *       listing fixed by {@link #prepareForTriggerAvailableNow}), keep the files the seen-files map
 *       calls new, and choose the batch within the read limit ({@code FileBatchPlanner}). If it is
 *       not empty, write it to the source log as log batch {@code N + 1} <em>before</em> returning
 *       offset {@code {"logOffset":N+1}}, then record its files as seen. So the files of an offset
 *       are fixed before the loop writes the offset to its own log.
 *   <li>{@link #getBatch}{@code (start, end)}: the files of log batches {@code (start, end]}, read
 *       as one batch {@link FileRelation} with the user's format options.
 *   <li>{@link #commit}{@code (end)}: archive or delete ({@code cleanSource}) the files of the
 *       committed log batches, then forget them.
 * </ol>
 *
 * <h2>Recovery</h2>
 *
 * A new instance on the same {@code metadataPath} rebuilds the seen-files map from the log (the
 * latest compaction and the batches after it) and continues from the log's latest batch. A re-run
 * batch reads the same log batches, hence the same files. A log batch written just before a crash,
 * whose offset never reached the loop's offset log, is served by the next {@code latestOffset},
 * which returns it because its files are already seen: no file is lost or read twice.
 *
 * <h2>Costs</h2>
 *
 * One listing per trigger; the log is read in full only at start; entries written or read by this
 * instance stay in memory until committed, so a batch normally reads no log file at all.
 *
 * <p>Not thread-safe: the query's stream thread calls it.
 */
final class FileStreamSource implements Source {

  private static final Logger LOG = LoggerFactory.getLogger(FileStreamSource.class);

  private static final FileStreamSourceOptions UNLIMITED = FileStreamSourceOptions.defaults();

  private final String format;
  private final StructType schema;
  private final Path path;
  private final String description;
  private final FileStreamSourceOptions options;
  private final Map<String, String> readOptions;
  private final FileSourceListing listing;
  private final FileStreamSourceLog log;
  private final SeenFiles seenFiles;
  private final Optional<SourceFileCleaner> cleaner;
  private final TidelineConf conf;
  private final Clock clock;
  private final int maxCachedFiles;
  private final float discardCachedInputRatio;

  /** Log batches this instance wrote or read and that are not committed yet. */
  private final TreeMap<Long, List<FileEntry>> pendingEntries = new TreeMap<>();

  private long currentLogOffset;

  /** The first log batch whose files are not yet cleaned, or -1 before any batch ran here. */
  private long cleanFrom = -1;

  /** New files listed earlier and left for the next batches, or null to list again. */
  private List<SourceFile> unreadFiles;

  /** The listing fixed for {@code Trigger.AvailableNow}, or null. */
  private List<SourceFile> availableNowFiles;

  /** Whether the path is a file sink's output, or null until a listing decides it. */
  private Boolean readsSinkOutput;

  private FileStreamSinkLog sinkLog;

  FileStreamSource(String format, FileSourceSettings settings, SourceContext context) {
    this.format = format;
    this.schema = context.schema();
    this.path = settings.path();
    this.description = "FileStreamSource[" + settings.qualifiedPath() + "]";
    this.options = settings.streamOptions();
    this.readOptions = settings.readOptions();
    this.listing =
        new FileSourceListing(
            path, Optional.ofNullable(settings.readOptions().get("pathglobfilter")));
    this.conf = context.session().conf();
    this.clock = context.clock();
    this.cleaner = SourceFileCleaner.create(options, path);
    this.log = FileStreamSourceLog.open(context.metadataPath(), conf, clock);
    this.seenFiles = new SeenFiles(options.effectiveMaxFileAgeMs(), options.fileNameOnly());
    log.restore(seenFiles);
    this.currentLogOffset = log.getLatestBatchId().orElse(-1);
    this.readsSinkOutput = listing.isGlob() ? Boolean.FALSE : null;
    this.maxCachedFiles = settings.maxCachedFiles();
    this.discardCachedInputRatio = settings.discardCachedInputRatio();
    if (options.latestFirst()) {
      LOG.warn(
          "{}: 'latestFirst' is true. New files will be processed first, which may affect the"
              + " watermark value. In addition, 'maxFileAge' will be ignored.",
          description);
    }
    if (options.fileNameOnly()) {
      LOG.warn(
          "{}: 'fileNameOnly' is enabled. Make sure your file names are unique (e.g. using UUID),"
              + " otherwise files with the same name in different folders are taken as one file"
              + " and all but the first are never read.",
          description);
    }
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public ReadLimit defaultReadLimit() {
    if (options.maxFilesPerTrigger().isPresent()) {
      return ReadLimit.maxFiles(options.maxFilesPerTrigger().getAsInt());
    }
    if (options.maxBytesPerTrigger().isPresent()) {
      return ReadLimit.maxBytes(options.maxBytesPerTrigger().getAsLong());
    }
    return ReadLimit.allAvailable();
  }

  @Override
  public Optional<Offset> latestOffset(Optional<Offset> start, ReadLimit limit) {
    List<SourceFile> newFiles;
    if (unreadFiles != null) {
      newFiles = unreadFiles;
    } else {
      List<SourceFile> files = availableNowFiles != null ? availableNowFiles : listFiles();
      newFiles = FileBatchPlanner.nextBatch(files, seenFiles, UNLIMITED);
    }
    FileStreamSourceOptions limited = limitedBy(limit);
    List<SourceFile> batch = FileBatchPlanner.nextBatch(newFiles, seenFiles, limited);
    unreadFiles = keepForNextBatches(newFiles, batch, limited);
    if (!batch.isEmpty()) {
      long next = currentLogOffset + 1;
      List<FileEntry> entries = new ArrayList<>(batch.size());
      for (SourceFile file : batch) {
        entries.add(new FileEntry(file.path(), file.modificationTimeMs(), next));
      }
      // The log entry first: the offset the loop will write must name files already on disk.
      if (!log.add(next, entries)) {
        throw CheckpointErrors.concurrentStreamLogUpdate(next, log.batchFile(next));
      }
      currentLogOffset = next;
      pendingEntries.put(next, List.copyOf(entries));
      LOG.debug("{}: log batch {} takes {} new files", description, next, entries.size());
    }
    FileBatchPlanner.recordBatch(currentLogOffset, batch, seenFiles);
    return currentLogOffset < 0
        ? Optional.empty()
        : Optional.of(new FileStreamSourceOffset(currentLogOffset));
  }

  @Override
  public LogicalPlan getBatch(Optional<Offset> start, Offset end, List<Attribute> output) {
    long startId = start.map(this::logOffset).orElse(-1L);
    long endId = logOffset(end);
    if (startId > endId) {
      throw new IllegalStateException(
          "Bug in Tideline: "
              + description
              + " asked for log batches ("
              + startId
              + ", "
              + endId
              + "], whose start is after its end");
    }
    if (cleanFrom < 0) {
      cleanFrom = startId + 1;
    }
    List<Path> files = new ArrayList<>();
    for (List<FileEntry> entries : entries(startId, endId).values()) {
      for (FileEntry entry : entries) {
        files.add(FilePaths.toPath(entry.path()));
      }
    }
    LOG.debug(
        "{}: reading {} files of log batches ({}, {}]", description, files.size(), startId, endId);
    return new FileRelation(format, files, readOptions, output);
  }

  @Override
  public void commit(Offset end) {
    long endId = logOffset(end);
    if (cleaner.isPresent()) {
      long from = cleanFrom >= 0 ? cleanFrom : endId;
      for (List<FileEntry> entries : entries(from - 1, endId).values()) {
        SourceFileCleaner.Result result = cleaner.get().clean(entries);
        for (SourceFileCleaner.Failure failure : result.failures()) {
          // Best effort, as in Spark: the file was read and is in the log, so it is never read
          // again whether or not it could be cleaned.
          LOG.warn(
              "{}: could not {} {}: {}",
              description,
              cleaner.get().mode() == CleanSourceMode.ARCHIVE ? "archive" : "delete",
              failure.file(),
              failure.reason());
        }
      }
    }
    cleanFrom = Math.max(cleanFrom, endId + 1);
    pendingEntries.headMap(endId, true).clear();
  }

  @Override
  public boolean prepareForTriggerAvailableNow() {
    availableNowFiles = listFiles();
    return true;
  }

  @Override
  public Offset deserializeOffset(String json) {
    try {
      return FileStreamSourceOffset.parse(json);
    } catch (IllegalArgumentException e) {
      throw FileSourceErrors.malformedOffset(json, description, e.getMessage());
    }
  }

  @Override
  public String description() {
    return description;
  }

  /**
   * The new files a rate-limited batch left over, kept so the next batches need no listing, as
   * Spark's {@code unreadFiles}: not with {@code latestFirst} or {@code AvailableNow} (the order or
   * the set is fixed otherwise), and dropped when they fill less than {@code
   * discardCachedInputRatio} of the limit, so a batch is not nearly empty while new files wait.
   *
   * @return the files in reading order, or null to list again
   */
  private List<SourceFile> keepForNextBatches(
      List<SourceFile> newFiles, List<SourceFile> batch, FileStreamSourceOptions limited) {
    if (options.latestFirst() || availableNowFiles != null || maxCachedFiles == 0) {
      return null;
    }
    if (limited.maxFilesPerTrigger().isEmpty() && limited.maxBytesPerTrigger().isEmpty()) {
      return null;
    }
    Set<String> taken = new HashSet<>();
    for (SourceFile file : batch) {
      taken.add(file.path());
    }
    List<SourceFile> rest = new ArrayList<>(newFiles.size() - batch.size());
    long restBytes = 0;
    for (SourceFile file : newFiles) {
      if (!taken.contains(file.path())) {
        rest.add(file);
        restBytes += file.size();
      }
    }
    boolean tooFew =
        limited.maxFilesPerTrigger().isPresent()
            ? rest.size() < limited.maxFilesPerTrigger().getAsInt() * discardCachedInputRatio
            : restBytes < limited.maxBytesPerTrigger().getAsLong() * discardCachedInputRatio;
    if (rest.isEmpty() || tooFew) {
      return null;
    }
    return rest.size() <= maxCachedFiles ? rest : List.copyOf(rest.subList(0, maxCachedFiles));
  }

  /** The log batches {@code (startId, endId]} with their files, from memory where possible. */
  private TreeMap<Long, List<FileEntry>> entries(long startId, long endId) {
    TreeMap<Long, List<FileEntry>> out = new TreeMap<>();
    if (endId <= startId) {
      return out;
    }
    boolean complete = true;
    for (long id = startId + 1; id <= endId; id++) {
      List<FileEntry> cached = pendingEntries.get(id);
      if (cached == null) {
        complete = false;
        break;
      }
      out.put(id, cached);
    }
    if (complete) {
      return out;
    }
    out.clear();
    out.putAll(log.get(startId + 1, endId));
    for (long id = startId + 1; id <= endId; id++) {
      if (!out.containsKey(id)) {
        throw FileSourceErrors.logBatchMissing(
            log.dir().toString(), id, description, startId, endId);
      }
    }
    pendingEntries.putAll(out);
    return out;
  }

  private List<SourceFile> listFiles() {
    if (readsSinkOutput == null && SinkFileIndex.hasMetadata(path)) {
      readSinkOutput();
    }
    if (Boolean.TRUE.equals(readsSinkOutput)) {
      return SinkFileIndex.of(sinkLog).asSourceFiles();
    }
    List<SourceFile> files = listing.list();
    if (readsSinkOutput == null && !files.isEmpty()) {
      // A sink may have created its manifest between the check above and the listing.
      if (SinkFileIndex.hasMetadata(path)) {
        readSinkOutput();
        return SinkFileIndex.of(sinkLog).asSourceFiles();
      }
      readsSinkOutput = Boolean.FALSE;
    }
    return files;
  }

  /** From now on read the sink's manifest instead of listing, so uncommitted files stay unseen. */
  private void readSinkOutput() {
    if (options.cleanSource() != CleanSourceMode.OFF) {
      SourceFileCleaner.checkNotSinkOutput(path, options.cleanSource());
    }
    sinkLog = FileStreamSinkLog.open(path, conf, clock, null);
    readsSinkOutput = Boolean.TRUE;
  }

  /** The batch options under the trigger's limit, which may differ from the source's own. */
  private FileStreamSourceOptions limitedBy(ReadLimit limit) {
    OptionalInt maxFiles = OptionalInt.empty();
    OptionalLong maxBytes = OptionalLong.empty();
    if (limit instanceof ReadLimit.Composite composite) {
      for (ReadLimit part : composite.limits()) {
        if (part instanceof ReadLimit.MaxFiles || part instanceof ReadLimit.MaxBytes) {
          limit = part;
          break;
        }
      }
    }
    if (limit instanceof ReadLimit.MaxFiles files) {
      maxFiles = OptionalInt.of(files.files());
    } else if (limit instanceof ReadLimit.MaxBytes bytes) {
      maxBytes = OptionalLong.of(bytes.bytes());
    }
    return new FileStreamSourceOptions(
        maxFiles,
        maxBytes,
        options.latestFirst(),
        options.maxFileAgeMs(),
        options.fileNameOnly(),
        CleanSourceMode.OFF,
        Optional.empty());
  }

  private long logOffset(Offset offset) {
    if (offset instanceof FileStreamSourceOffset file) {
      return file.logOffset();
    }
    return ((FileStreamSourceOffset) deserializeOffset(offset.json())).logOffset();
  }

  /** The latest log batch, for tests. */
  long currentLogOffset() {
    return currentLogOffset;
  }
}
