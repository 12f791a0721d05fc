package io.tideline.internal.streaming.files;

/**
 * One file in the file sink's manifest, {@code _spark_metadata}, with the fields of Spark's {@code
 * SinkFileStatus} so Spark reads a Tideline sink's output and the reverse.
 *
 * @param path the file's URI
 * @param size bytes
 * @param isDir always false for files Tideline writes
 * @param modificationTime epoch milliseconds
 * @param blockReplication the replication Hadoop reports; 1 on a local file system
 * @param blockSize the block size Hadoop reports; 32 MiB on a local file system
 * @param action {@code add}, or {@code delete} (written by old Spark versions only), which removes
 *     an earlier {@code add} of the same path at compaction
 */
public record SinkFileStatus(
    String path,
    long size,
    boolean isDir,
    long modificationTime,
    int blockReplication,
    long blockSize,
    String action) {

  public static final String ADD_ACTION = "add";
  public static final String DELETE_ACTION = "delete";

  /** Hadoop's block size of local files ({@code fs.local.block.size}), which Spark records. */
  public static final long LOCAL_BLOCK_SIZE = 32L * 1024 * 1024;

  /** The entry of a file just written by this sink on the local file system. */
  public static SinkFileStatus added(String path, long size, long modificationTime) {
    return new SinkFileStatus(path, size, false, modificationTime, 1, LOCAL_BLOCK_SIZE, ADD_ACTION);
  }
}
