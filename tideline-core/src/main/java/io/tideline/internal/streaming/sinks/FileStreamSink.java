package io.tideline.internal.streaming.sinks;

import io.tideline.DataFrame;
import io.tideline.connector.Sink;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.PartitionedOutput;
import io.tideline.internal.datasource.PartitionedTaskWriter;
import io.tideline.internal.exec.QueryExecution;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.streaming.files.FileSinkCommitter;
import io.tideline.internal.vector.Batch;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file sink ({@code json}, {@code parquet}, {@code csv}, {@code text}), as Spark's {@code
 * FileStreamSink} with its {@code ManifestFileCommitProtocol}: every batch's files become visible
 * at once, when the manifest {@code <path>/_spark_metadata/<batchId>} records them.
 *
 * <p>Protocol of {@link #addBatch}{@code (N, data)}:
 *
 * <ol>
 *   <li>If the manifest already has batch {@code N}, return: the batch was committed before a
 *       crash, and writing it again would duplicate its rows. This check comes before any file is
 *       written.
 *   <li>Run the batch's plan; each task writes its rows straight into the sink folder (or its
 *       {@code col=value/} partition folders) under a new unique name, {@code
 *       part-<task>-<uuid>-c000<ext>}, as Spark names files. A task writes no file when it has no
 *       rows, so an empty batch writes no data file.
 *   <li>Record the batch's files in the manifest, in one atomically published file: the commit. An
 *       empty batch still gets its (empty) manifest file, as in Spark, so its id counts as
 *       committed. A crash before this step leaves files no manifest lists; readers ignore them.
 *   <li>On a failure before the commit, delete the files written so far (best effort) and rethrow.
 * </ol>
 *
 * <p>The manifest is compacted every {@code tideline.sql.streaming.fileSink.log.compactInterval}
 * (10) batches by {@link io.tideline.internal.streaming.files.FileStreamSinkLog}; readers of the
 * folder see only committed files through {@link io.tideline.internal.streaming.files
 * .SinkFileIndex} ({@code t.read().load(path)} does this for a folder with a manifest).
 *
 * <p>Append mode only, as in Spark. The query's checkpoint must be kept with the output: the sink's
 * exactly-once relies on the loop re-running an uncommitted batch with the same id.
 */
public final class FileStreamSink implements Sink {

  private static final Logger LOG = LoggerFactory.getLogger(FileStreamSink.class);

  private final String formatName;
  private final FileFormat format;
  private final FileSinkCommitter committer;
  private final List<String> partitionColumns;
  private final Map<String, String> writerOptions;
  private final TidelineConf conf;
  private volatile long lastBatchRows = -1;

  /**
   * @param formatName the format's name, for messages
   * @param format writes the data files
   * @param committer the sink folder and its manifest
   * @param partitionColumns {@code partitionBy} columns, already checked against the schema
   * @param writerOptions the format's write options (compression, ...), keys in lower case
   * @param conf the session's configuration
   */
  public FileStreamSink(
      String formatName,
      FileFormat format,
      FileSinkCommitter committer,
      List<String> partitionColumns,
      Map<String, String> writerOptions,
      TidelineConf conf) {
    this.formatName = formatName;
    this.format = format;
    this.committer = committer;
    this.partitionColumns = List.copyOf(partitionColumns);
    this.writerOptions = Map.copyOf(writerOptions);
    this.conf = conf;
  }

  /** The sink's output folder. */
  public Path path() {
    return committer.sinkPath();
  }

  @Override
  public void addBatch(long batchId, DataFrame data) {
    if (committer.isCommitted(batchId)) {
      LOG.info("Skipping already committed batch {} of {}", batchId, description());
      lastBatchRows = 0;
      return;
    }
    List<Attribute> output = data.logicalPlan().output();
    StructType dataSchema = PartitionedOutput.dataSchema(output, partitionColumns);
    LogicalPlan plan =
        PartitionedOutput.withPartitionKeys(
            data.logicalPlan(),
            partitionColumns,
            name -> SinkErrors.partitionColumnNotFound(formatName, name, dataSchema.toString()));
    List<Path> files = Collections.synchronizedList(new ArrayList<>());
    AtomicLong rows = new AtomicLong();
    try {
      new QueryExecution(plan, conf, data.session().pool())
          .runPartitions(
              (partition, input) -> {
                PartitionedTaskWriter writer =
                    new PartitionedTaskWriter(
                        format,
                        committer::newTaskFile,
                        dataSchema,
                        partitionColumns,
                        writerOptions,
                        conf,
                        partition);
                try (input) {
                  try (writer) {
                    Batch b;
                    while ((b = input.next()) != null) {
                      writer.write(b);
                    }
                  }
                } catch (IOException e) {
                  throw SinkErrors.writeFailed(
                      formatName, path().toString(), batchId, writer.currentFile(), e);
                } finally {
                  files.addAll(writer.files());
                }
                rows.addAndGet(writer.rows());
              });
      List<Path> sorted = new ArrayList<>(files);
      sorted.sort(Comparator.naturalOrder());
      if (!committer.addBatch(batchId, sorted)) {
        // Another writer committed this batch between our check and now: ours are duplicates.
        committer.abort(sorted);
        lastBatchRows = 0;
        return;
      }
    } catch (RuntimeException | Error e) {
      if (!mayBeCommitted(batchId)) {
        committer.abort(new ArrayList<>(files));
      }
      throw e;
    }
    lastBatchRows = rows.get();
  }

  /**
   * Whether the manifest may hold the batch after a failure: the commit can succeed and a later
   * step (the manifest's cleanup) fail, and deleting committed files would lose data. When unsure,
   * keep the files; uncommitted ones are invisible anyway.
   */
  private boolean mayBeCommitted(long batchId) {
    try {
      return Files.exists(committer.log().batchFile(batchId));
    } catch (RuntimeException e) {
      return true;
    }
  }

  @Override
  public long lastBatchOutputRows() {
    return lastBatchRows;
  }

  @Override
  public String description() {
    return "FileSink[" + path() + "]";
  }

  @Override
  public String toString() {
    return description();
  }
}
