package io.tideline.internal.streaming.checkpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * The commit log, {@code <checkpoint>/commits/}: entry {@code N} is written after the sink accepted
 * batch {@code N}, so an offsets entry without a commit entry marks the batch a restart must
 * re-run.
 *
 * <p>File format of {@code commits/<batchId>} (Spark's, version 1), no newline after the last line:
 *
 * <pre>
 * v1
 * {"nextBatchWatermarkMs":0}
 * </pre>
 *
 * <p>A missing second line reads as {@code {}}, i.e. watermark 0, as Spark reads it. Unknown fields
 * are ignored.
 */
public final class CommitLog extends MetadataLog<CommitMetadata> {

  /** The version this Tideline writes and the newest it reads. */
  public static final int VERSION = 1;

  public CommitLog(Path dir) {
    super(dir, new Format());
  }

  /** Opens the commit log of a checkpoint, {@code <checkpoint>/commits}. */
  public static CommitLog in(Path checkpoint) {
    return new CommitLog(checkpoint.resolve("commits"));
  }

  private static final class Format implements LogFormat<CommitMetadata> {
    @Override
    public int version() {
      return VERSION;
    }

    @Override
    public void write(CommitMetadata entry, Writer out) throws IOException {
      out.write("{\"nextBatchWatermarkMs\":" + entry.nextBatchWatermarkMs() + "}");
    }

    @Override
    public CommitMetadata read(int version, BufferedReader body, Path file) throws IOException {
      String line = body.readLine();
      if (line == null || line.isBlank()) {
        return new CommitMetadata(0);
      }
      return new CommitMetadata(
          CheckpointJson.longField(
              CheckpointJson.parseObject(line.trim(), file, "the commit metadata (line 2)"),
              "nextBatchWatermarkMs",
              0,
              file));
    }
  }
}
